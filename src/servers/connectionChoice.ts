import * as vscode from 'vscode';
import { readSettings } from '../config';
import type { IdentityProbe } from '../plex/connectionProbe';
import { plexFailure } from '../plex/failure';
import type { PlexConnection, PlexServer } from '../plex/types';
import { plainText } from '../ui/plainText';
import { firstAnswering, rankConnections, type PendingProbe } from './connectionRanking';
import type { ServerServices } from './serverServices';

/** A probe waits no longer than this, whatever the request timeout: a connection that slow is not the one to use. */
export const PROBE_TIMEOUT_CAP_MS = 5000;

export function probeTimeoutMs(): number {
  return Math.min(readSettings().requestTimeoutMs, PROBE_TIMEOUT_CAP_MS);
}

/** Asks every connection of the server who answers there, all at once, each with its own timeout; in ranking order. */
export function probeConnections(
  services: Pick<ServerServices, 'gateway'>,
  server: PlexServer,
  signal: AbortSignal,
  onResult: (result: IdentityProbe) => void = () => undefined,
): (PendingProbe<IdentityProbe> & { connection: PlexConnection })[] {
  const timeoutMs = probeTimeoutMs();
  const ranked = rankConnections(server.connections, (uri) => services.gateway.security.isSecure(uri));
  return ranked.map((connection) => ({
    connection,
    uri: connection.uri,
    result: services.gateway.probeIdentity(server, connection.uri, { timeoutMs, signal }).then((result) => {
      onResult(result);
      return result;
    }),
  }));
}

/**
 * The server with only its best answering connection, for the gateway to send the token to: the
 * first in ranking order that answered as this server, taken as soon as every better-ranked one
 * has failed (a slower, lower-ranked one is not waited for, and is then cancelled). None answered:
 * the best-ranked connection's failure.
 */
export async function serverAtBestConnection(services: Pick<ServerServices, 'gateway'>, server: PlexServer, signal: AbortSignal): Promise<PlexServer> {
  const race = new AbortController();
  const stop = (): void => race.abort();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const pending = probeConnections(services, server, race.signal);
    const best = await firstAnswering(pending);
    if (signal.aborted) {
      throw plexFailure('cancelled', 'Cancelled');
    }
    if (best) {
      return { ...server, connections: server.connections.filter((connection) => connection.uri === best.uri) };
    }
    const results = await Promise.all(pending.map((probe) => probe.result));
    throw noConnectionAnswered(server, results);
  } finally {
    signal.removeEventListener('abort', stop);
    race.abort();
  }
}

/** The failure to report when no connection answered as the server. */
export function noConnectionAnswered(server: PlexServer, results: readonly IdentityProbe[]): unknown {
  if (results.length === 0) {
    return plexFailure('not-allowed', vscode.l10n.t('Plex lists no connection for {0}.', plainText(server.name)));
  }
  const failed = results.find((result) => !result.ok && result.failure !== undefined);
  if (failed && !failed.ok) {
    return failed.failure;
  }
  return plexFailure(
    'network',
    vscode.l10n.t('No connection of {0} answered as that server. Run "Plex: Test Connections" to see each address.', plainText(server.name)),
  );
}
