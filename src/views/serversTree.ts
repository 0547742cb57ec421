import * as vscode from 'vscode';
import type { PlexConnection, PlexServer } from '../plex/types';
import type { SessionView } from '../auth/sessionView';
import type { ConnectionReports } from '../servers/connectionReports';
import type { ServerCatalog } from '../servers/serverCatalog';
import { bestConnectionText, connectionItem } from './connectionRows';
import type { TreeSource } from './lazyTree';
import { messageItem } from './messageItem';
import type { ServerListLoader } from './serverList';

/**
 * What VS Code hands back to a command run from a row: `serverId` is what the server commands read
 * (and look up again in what plex.tv listed); `server` is only what the row shows.
 */
export type ServerNode =
  | { kind: 'server'; serverId: string; server: PlexServer }
  | { kind: 'connection'; serverId: string; server: PlexServer; connection: PlexConnection; value: string }
  | { kind: 'message'; text: string; retry: boolean };

/**
 * The account's servers, each expanding to its connections. Loaded the first time the view
 * shows them, then from the catalog's cache until a refresh. Part of the command code: activation
 * registers a LazyTreeProvider that loads it when the view is first shown.
 */
export class ServersTreeProvider implements TreeSource<ServerNode>, vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private repaintView: (() => void) | undefined;

  constructor(
    private readonly state: SessionView,
    private readonly catalog: ServerCatalog,
    private readonly list: ServerListLoader,
    private readonly reports: ConnectionReports,
  ) {
    // A sign-in starting or ending changes nothing here; firing anyway would delay the next real
    // update by VS Code's 200 ms tree debounce (see AccountTreeProvider).
    let shown = { status: state.status, generation: state.generation };
    this.subscriptions = [
      catalog.onDidChange(() => this.repaintView?.()),
      reports.onDidChange(() => this.repaintView?.()),
      state.onDidChange(() => {
        if (state.status !== shown.status || state.generation !== shown.generation) {
          shown = { status: state.status, generation: state.generation };
          this.repaintView?.();
        }
      }),
    ];
  }

  /** The view shows this source from now on; `repaint` asks VS Code to read it again. */
  attach(repaint: () => void): this {
    this.repaintView = repaint;
    return this;
  }

  /** Clears a shown load error, so the next expansion tries again. */
  retry(): void {
    // Without an error there is nothing to clear: a refresh's reload fires its own change, and an
    // extra one just before it would hold that back by VS Code's 200 ms tree debounce.
    if (this.list.clearError()) {
      this.repaintView?.();
    }
  }

  async getChildren(node?: ServerNode): Promise<ServerNode[]> {
    if (node) {
      return node.kind === 'server'
        ? node.server.connections.map((connection) => ({ kind: 'connection', serverId: node.serverId, server: node.server, connection, value: connection.uri }))
        : [];
    }
    const session = this.state.stored;
    if (!session || this.state.status !== 'signedIn') {
      return [];
    }
    const servers = this.catalog.cached ?? (await this.list.load());
    return 'failure' in servers ? [{ kind: 'message', text: servers.failure, retry: true }] : serverNodes(servers);
  }

  getTreeItem(node: ServerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'server':
        return this.serverItem(node.server);
      case 'connection':
        return connectionItem(node.connection, this.reports.get(node.serverId));
      case 'message':
        return messageItem(node.text, node.retry ? 'plex.refresh' : undefined);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }

  private serverItem(server: PlexServer): vscode.TreeItem {
    const isDefault = server.clientIdentifier === this.catalog.defaultServerId;
    const item = new vscode.TreeItem(server.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `server:${server.clientIdentifier}`;
    item.description = [
      isDefault ? vscode.l10n.t({ message: 'default', comment: 'Beside a server: the default server, the one "Copy Transient Token" uses.' }) : undefined,
      bestConnectionText(this.reports.get(server.clientIdentifier)),
      server.owned ? undefined : vscode.l10n.t({ message: 'shared', comment: 'Beside a server: another Plex user shares it with you; you do not own it.' }),
    ]
      .filter((part): part is string => Boolean(part))
      .join(' · ');
    item.tooltip = [
      server.name,
      server.productVersion ? vscode.l10n.t('Version {0}', server.productVersion) : undefined,
      server.platform,
      vscode.l10n.t({
        message: '{0} connections',
        args: [server.connections.length],
        comment: '{0} is how many network addresses (connections) the server lists.',
      }),
    ]
      .filter((part): part is string => Boolean(part))
      .join('\n');
    item.iconPath = new vscode.ThemeIcon(isDefault ? 'star-full' : 'server');
    item.contextValue = isDefault ? 'plex.server.default' : 'plex.server';
    return item;
  }
}

function serverNodes(servers: readonly PlexServer[]): ServerNode[] {
  if (servers.length === 0) {
    return [{ kind: 'message', text: vscode.l10n.t('No Plex Media Server on this account.'), retry: false }];
  }
  return servers.map((server) => ({ kind: 'server', serverId: server.clientIdentifier, server }));
}
