import * as vscode from 'vscode';
import type { WebhookList } from '../account/webhookList';
import type { PlexGateway, SessionTicket } from '../auth/gateway/plexGateway';
import type { SessionView } from '../auth/sessionView';
import type { ErrorReporter } from '../ui/errorReporter';
import { AccountListView, type MessageNode } from './accountListView';
import { messageItem } from './messageItem';

/** Set while the account cannot have webhooks: the view's welcome then says so, and no button offers a change. */
export const NEEDS_PLEX_PASS_KEY = 'plex.webhooksNeedPlexPass';

/** `webhookUrl` is what Remove Webhook and Send Test Event read (and look up again in what plex.tv lists). */
export type WebhookNode = { kind: 'webhook'; webhookUrl: string } | MessageNode;

/**
 * The Webhooks view's content (see AccountListView). An empty list, and an account without Plex
 * Pass, show the view's welcome (package.json, chosen by NEEDS_PLEX_PASS_KEY).
 */
export class WebhookView extends AccountListView<Extract<WebhookNode, { kind: 'webhook' }>> {
  private needsPlexPass: boolean | undefined;

  constructor(
    state: SessionView,
    gateway: PlexGateway,
    private readonly list: WebhookList,
    errors: ErrorReporter,
    private readonly setContext: (key: string, value: boolean) => void,
  ) {
    super(state, gateway, errors, 'Loading webhooks');
  }

  protected async rows(ticket: SessionTicket): Promise<WebhookNode[]> {
    const state = await this.list.load(ticket);
    this.showNeedsPlexPass(state.kind === 'needs-plex-pass');
    return state.kind === 'list' ? state.urls.map((webhookUrl) => ({ kind: 'webhook', webhookUrl })) : [];
  }

  protected invalidate(): void {
    this.list.invalidate();
  }

  getTreeItem(node: WebhookNode): vscode.TreeItem {
    if (node.kind === 'message') {
      return messageItem(node.text, node.retry ? 'plex.refreshWebhooks' : undefined);
    }
    // The address as the user gave it: a TreeItem label is plain text, never a link.
    const item = new vscode.TreeItem(node.webhookUrl, vscode.TreeItemCollapsibleState.None);
    item.id = `webhook:${node.webhookUrl}`;
    item.tooltip = node.webhookUrl;
    item.description = /^http:/i.test(node.webhookUrl) ? vscode.l10n.t('not encrypted') : undefined;
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
