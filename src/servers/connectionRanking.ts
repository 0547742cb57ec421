// Which of a server's connections to use: the order they are preferred in, and the first of them
// that answered once every better-ranked one has failed. Plain TypeScript (no vscode): the unit
// tests run it against the stand-in's servers.
import type { PlexConnection } from '../plex/types';

/**
 * Local https, remote https, relay, then plain http (local, remote, relay) last: a token goes over
 * plain http to another computer only with the user's consent, asked when that connection is used.
 * `isSecure` says which addresses need no consent (https, and http to this computer). Stable:
 * connections of equal rank keep plex.tv's order.
 */
export function rankConnections<T extends PlexConnection>(connections: readonly T[], isSecure: (uri: string) => boolean): T[] {
  const rank = (connection: T): number => {
    const place = connection.relay ? 2 : connection.local ? 0 : 1;
    return (isSecure(connection.uri) ? 0 : 6) + place * 2 + (connection.protocol === 'https' ? 0 : 1);
  };
  return connections
    .map((connection, index) => ({ connection, index, rank: rank(connection) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ connection }) => connection);
}

/** Whether the connection's host is a plex.direct name (Plex's certificate for the server covers it). */
export function isPlexDirect(uri: string): boolean {
  try {
    return new URL(uri).hostname.toLowerCase().endsWith('.plex.direct');
  } catch {
    return false;
  }
}

/**
 * A plex.direct name on the local network that did not resolve: what a router's DNS rebinding
 * protection does to names that point to private addresses (Plex's advice is to allow plex.direct).
 */
export function looksLikeDnsRebindingProtection(connection: Pick<PlexConnection, 'uri' | 'local'>, problem: string | undefined): boolean {
  return problem === 'dns' && connection.local && isPlexDirect(connection.uri);
}

/** One connection's probe, under way. */
export interface PendingProbe<R> {
  readonly uri: string;
  readonly result: Promise<R>;
}

/**
 * The best-ranked probe that answered, as soon as it is known: when a probe answers, it wins once
 * every probe ranked above it has failed; a slower, lower-ranked answer is never waited for, and a
 * better-ranked probe still running is. `pending` is in ranking order. Undefined: none answered.
 */
export async function firstAnswering<R extends { readonly ok: boolean }>(pending: readonly PendingProbe<R>[]): Promise<R | undefined> {
  for (const probe of pending) {
    const result = await probe.result;
    if (result.ok) {
      return result;
    }
  }
  return undefined;
}
