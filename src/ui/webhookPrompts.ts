import * as vscode from 'vscode';
import { plainText } from './plainText';

/** The Webhooks view's questions; part of the host port's Ui (src/ui/ui.ts). */
export interface WebhookPrompts {
  /** The address to add; `validate` runs on each keystroke and its message shows under the box. */
  askWebhookUrl(validate: (value: string) => string | undefined): Promise<string | undefined>;
  /** A modal confirmation naming the webhook. */
  confirmRemoveWebhook(url: string): Promise<boolean>;
  /** The event a test event is sent as; undefined backs out. */
  pickWebhookEvent(events: readonly string[], url: string): Promise<string | undefined>;
}

export const vscodeWebhookPrompts: WebhookPrompts = {
  async askWebhookUrl(validate) {
    const value = await vscode.window.showInputBox({
      ignoreFocusOut: true,
      title: vscode.l10n.t('Add Webhook'),
      prompt: vscode.l10n.t('The address Plex posts events to (your receiver: Home Assistant, a script, a bot)'),
      placeHolder: 'https://example.com/plex-webhook',
      validateInput: (text) => validate(text.trim()),
    });
    return value?.trim();
  },

  async confirmRemoveWebhook(url) {
    const remove = vscode.l10n.t('Remove Webhook');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove the webhook {0}?', plainText(url)),
      { modal: true, detail: vscode.l10n.t('Plex stops sending events to this address. You can add it again later.') },
      remove,
    );
    return answer === remove;
  },

  async pickWebhookEvent(events, url) {
    const picked = await vscode.window.showQuickPick(
      events.map((event) => ({ label: event })),
      { title: vscode.l10n.t('Send Test Event to {0}', plainText(url)), placeHolder: vscode.l10n.t('The event to send, as a Plex Media Server sends it') },
    );
    return picked?.label;
  },
};
