import * as vscode from 'vscode';
import type { ServerDestination } from '../auth/gateway/plexGateway';
import { listedServer } from '../auth/gateway/credentialRules';
import type { PlexServer } from '../plex/types';
import { failureKind, plexFailure } from '../plex/failure';
import type { ServerServices } from './serverServices';
import { readSettings } from '../config';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import type { ServerChoice } from '../ui/ui';

export interface ChosenServer {
  name: string;
  /** The listed server's client identifier; absent for a `plex.serverUrl` address plex.tv did not list. */
  clientIdentifier?: string;
  destination: ServerDestination;
}

/**
 * Which server a command acts on: the one whose id the caller passed (looked up in what plex.tv
 * listed for the active identity; anything else is refused), else `plex.serverUrl`, else the
 * default server, else the only one, else the user picks. Undefined when the user backs out.
 */
export async function chooseServer(services: Pick<ServerServices, 'catalog' | 'ui'>, serverId: string | undefined): Promise<ChosenServer | undefined> {
  if (serverId !== undefined) {
    return fromServer(await resolveServer(services, serverId));
  }
  const serverUrl = readSettings().serverUrl;
  if (serverUrl) {
    // The address may be a listed server's (then it gets that server's token); without a list, the gateway asks.
    const listed = await listServers(services).catch((error: unknown) => {
      if (failureKind(error) === 'cancelled') {
        throw error;
      }
      return services.catalog.cached ?? [];
    });
    const server = listed.find((candidate) => candidate.connections.some((connection) => connection.uri.replace(/\/+$/, '') === serverUrl));
    return { name: server?.name ?? hostOf(serverUrl), clientIdentifier: server?.clientIdentifier, destination: { kind: 'address', url: serverUrl } };
  }
  const servers = await listServers(services);
  const server = await pick(services, servers);
  return server && fromServer(server);
}

/** The listed server with this id; an id plex.tv did not list for the active identity is refused. */
export async function resolveServer(services: Pick<ServerServices, 'catalog'>, serverId: string): Promise<PlexServer> {
  const known = listedServer(services.catalog.cached, serverId);
  const server = known ?? listedServer(await listServers(services, services.catalog.cached !== undefined), serverId);
  if (!server) {
    throw plexFailure(
      'not-allowed',
      vscode.l10n.t('That server is not one Plex lists for your account, so nothing was sent to it. Refresh the server list and choose it there.'),
    );
  }
  return server;
}

function listServers(services: Pick<ServerServices, 'catalog'>, reload = false): Promise<readonly PlexServer[]> {
  return withCancellableProgress(vscode.l10n.t('Finding your Plex Media Servers...'), (signal) => services.catalog.list(signal, reload));
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

function fromServer(server: PlexServer): ChosenServer {
  return { name: server.name, clientIdentifier: server.clientIdentifier, destination: { kind: 'listed', server } };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
