import * as vscode from 'vscode';
import type { PlexServer } from '../plex/types';
import { activeIdentity, type StoredSession } from '../auth/storedSession';
import type { ServerServices } from './serverServices';
import { readSettings } from '../config';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import type { ServerChoice } from '../ui/ui';
import type { ServerTarget } from './connect';

export interface ChosenServer extends ServerTarget {
  /** The token this server takes: its own access token from plex.tv, else the account token. */
  token: string;
}

/**
 * Which server a command acts on: the one clicked in the tree, else `plex.serverUrl`, else the
 * default server, else the only one, else the user picks. Undefined when the user backs out.
 */
export async function chooseServer(
  services: Pick<ServerServices, 'catalog' | 'ui'>,
  session: StoredSession,
  clicked: PlexServer | undefined,
): Promise<ChosenServer | undefined> {
  if (clicked) {
    return fromServer(clicked, session);
  }
  const serverUrl = readSettings().serverUrl;
  if (serverUrl) {
    return {
      name: hostOf(serverUrl),
      connectionUris: [serverUrl],
      token: activeIdentity(session).token,
      clientIdentifier: services.catalog.cached?.find((server) =>
        server.connections.some((connection) => connection.uri.replace(/\/+$/, '') === serverUrl),
      )?.clientIdentifier,
    };
  }
  const servers = await withCancellableProgress(vscode.l10n.t('Finding your Plex Media Servers...'), (signal) =>
    services.catalog.list(activeIdentity(session).token, signal),
  );
  const server = await pick(services, servers);
  return server && fromServer(server, session);
}

async function pick(services: Pick<ServerServices, 'catalog' | 'ui'>, servers: readonly PlexServer[]): Promise<PlexServer | undefined> {
  const defaultServer = servers.find((server) => server.clientIdentifier === services.catalog.defaultServerId);
  if (defaultServer) {
    return defaultServer;
  }
  if (servers.length === 0) {
    void services.ui().info(vscode.l10n.t('No Plex Media Server was found on your Plex account.'));
    return undefined;
  }
  if (servers.length === 1) {
    return servers[0];
  }
  const picked = await services.ui().pickServer(
    servers.map((server) =>
      serverChoice(
        server,
        server.owned ? vscode.l10n.t({ message: 'owned', comment: 'Beside a server in the server picker: you own this server.' }) : vscode.l10n.t('shared with you'),
      ),
    ),
  );
  return picked?.server;
}

/** A server as a quick pick item: its name and first address shown as text (see plainText). */
export function serverChoice(server: PlexServer, description: string | undefined): ServerChoice & { server: PlexServer } {
  return { label: plainText(server.name), description, detail: server.connections[0] && plainText(server.connections[0].uri), server };
}

function fromServer(server: PlexServer, session: StoredSession): ChosenServer {
  return {
    name: server.name,
    clientIdentifier: server.clientIdentifier,
    connectionUris: server.connections.map((connection) => connection.uri),
    token: server.accessToken ?? activeIdentity(session).token,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
