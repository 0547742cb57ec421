import * as vscode from 'vscode';
import type { WebhookList } from '../account/webhookList';
import type { PlexGateway } from '../auth/gateway/plexGateway';
import type { SessionView } from '../auth/sessionView';
import { failureKind } from '../plex/failure';
import { describeFailure } from '../ui/errorMessages';
import type { ErrorReporter } from '../ui/errorReporter';
import type { TreeSource } from './lazyTree';
import { messageItem } from './messageItem';

/** Set while the account cannot have webhooks: the view's welcome then says so, and no button offers a change. */
export const NEEDS_PLEX_PASS_KEY = 'plex.webhooksNeedPlexPass';

/** `webhookUrl` is what Remove Webhook and Send Test Event read (and look up again in what plex.tv lists). */
export type WebhookNode = { kind: 'webhook'; webhookUrl: string } | { kind: 'message'; text: string; retry: boolean };

/**
 * The Webhooks view's content: part of the command code (dist/commands.js), loaded when the view
 * is first shown. An empty list, and an account without Plex Pass, show the view's welcome
 * (package.json, chosen by NEEDS_PLEX_PASS_KEY); a failed load shows in the view, with Retry.
 */
export class WebhookView implements TreeSource<WebhookNode>, vscode.Disposable {
  private lastError: { generation: number; error: unknown } | undefined;
  private repaintView: (() => void) | undefined;
  private readonly subscription: vscode.Disposable;
  private needsPlexPass: boolean | undefined;

  constructor(
    private readonly state: SessionView,
    private readonly gateway: PlexGateway,
    private readonly list: WebhookList,
    private readonly errors: ErrorReporter,
    private readonly setContext: (key: string, value: boolean) => void,
  ) {
    let shown = { status: state.status, generation: state.generation };
    this.subscription = state.onDidChange(() => {
      if (state.status !== shown.status || state.generation !== shown.generation) {
        shown = { status: state.status, generation: state.generation };
        this.repaint();
      }
    });
  }

  attach(repaint: () => void): this {
    this.repaintView = repaint;
    return this;
  }

  repaint(): void {
    this.repaintView?.();
  }

  /** Forgets a shown failure and the kept list, and repaints: the view asks plex.tv again. */
  reload(): void {
    this.lastError = undefined;
    this.list.invalidate();
    this.repaint();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  async getChildren(node?: WebhookNode): Promise<WebhookNode[]> {
    const ticket = this.gateway.ticket();
    if (node || !ticket || this.state.status !== 'signedIn') {
      return [];
    }
    if (this.lastError?.generation === ticket.generation) {
      return [failureNode(this.lastError.error)];
    }
    try {
      const state = await this.list.load(ticket);
      this.showNeedsPlexPass(state.kind === 'needs-plex-pass');
      return state.kind === 'list' ? state.urls.map((webhookUrl) => ({ kind: 'webhook', webhookUrl })) : [];
    } catch (error) {
      this.lastError = { generation: ticket.generation, error };
      if (failureKind(error) === 'token-invalid') {
        this.errors.report(error, { action: 'Loading webhooks', where: 'Plex', session: ticket.session });
        return [];
      }
      return [failureNode(error)];
    }
  }

  getTreeItem(node: WebhookNode): vscode.TreeItem {
    if (node.kind === 'message') {
      return messageItem(node.text, node.retry ? 'plex.refreshWebhooks' : undefined);
    }
    // The address as the user gave it: a TreeItem label is plain text, never a link.
    const item = new vscode.TreeItem(node.webhookUrl, vscode.TreeItemCollapsibleState.None);
    item.id = `webhook:${node.webhookUrl}`;
    item.tooltip = node.webhookUrl;
    item.description = new URL(node.webhookUrl).protocol === 'http:' ? vscode.l10n.t('not encrypted') : undefined;
    item.iconPath = new vscode.ThemeIcon('radio-tower');
    item.contextValue = 'plex.webhook';
    return item;
  }

  private showNeedsPlexPass(value: boolean): void {
    if (this.needsPlexPass !== value) {
      this.needsPlexPass = value;
      this.setContext(NEEDS_PLEX_PASS_KEY, value);
    }
  }
}

function failureNode(error: unknown): WebhookNode {
  return { kind: 'message', text: describeFailure(error, 'Plex'), retry: true };
}
