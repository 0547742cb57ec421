// Which token may go to which server: the one answer, used by the gateway for every request to a
// server. (plex.tv gets the active identity's token only through clients the gateway makes from
// the user's plex.plexTvUrl.) Plain TypeScript, no vscode: the unit tests check each rule.
import type { PlexServer } from '../../plex/types';

/** Where a request would go. */
export type Destination =
  /** A server named by its client identifier, at `uri`. */
  | { readonly kind: 'server'; readonly serverId: string; readonly uri: string }
  /** The address in the `plex.serverUrl` setting. */
  | { readonly kind: 'address'; readonly uri: string };

export interface CredentialContext {
  /** The active identity's token: the Home user's while acting as one, else the account's. */
  readonly identityToken: string;
  /** What plex.tv listed for the active identity (undefined: not read yet). */
  readonly listed: readonly PlexServer[] | undefined;
  /** The user's remembered answer for sending the account token to this host (plex.serverUrl). */
  hostAnswer(host: string): boolean | undefined;
}

export type Refusal = 'not-listed' | 'not-a-listed-connection' | 'shared-without-token' | 'host-declined' | 'unusable-address';

export type CredentialDecision =
  | { readonly send: string; readonly server?: PlexServer }
  | { readonly refuse: Refusal }
  /** plex.serverUrl names a host plex.tv did not list: the user confirms it once. */
  | { readonly ask: string };

/** A URI as plex.tv and the settings spell it, for comparison: no trailing slash. */
export function normalUri(uri: string): string {
  return uri.replace(/\/+$/, '');
}

/** The listed server, if `serverId` names one. An id is compared as a string, never looked up as a property. */
export function listedServer(listed: readonly PlexServer[] | undefined, serverId: unknown): PlexServer | undefined {
  return typeof serverId === 'string' ? listed?.find((server) => server.clientIdentifier === serverId) : undefined;
}

/** A listed server's own token, else (owned) the identity's; a shared server without a token of its own gets none. */
function serverToken(server: PlexServer, context: CredentialContext): CredentialDecision {
  if (typeof server.accessToken === 'string' && server.accessToken !== '') {
    return { send: server.accessToken, server };
  }
  return server.owned ? { send: context.identityToken, server } : { refuse: 'shared-without-token' };
}

export function credentialFor(destination: Destination, context: CredentialContext): CredentialDecision {
  switch (destination.kind) {
    case 'server': {
      const server = listedServer(context.listed, destination.serverId);
      if (!server) {
        return { refuse: 'not-listed' };
      }
      const uri = normalUri(destination.uri);
      return server.connections.some((connection) => normalUri(connection.uri) === uri) ? serverToken(server, context) : { refuse: 'not-a-listed-connection' };
    }
    case 'address': {
      const uri = normalUri(destination.uri);
      const server = context.listed?.find((candidate) => candidate.connections.some((connection) => normalUri(connection.uri) === uri));
      if (server) {
        return serverToken(server, context);
      }
      let host: string;
      try {
        host = new URL(uri).host;
      } catch {
        return { refuse: 'unusable-address' };
      }
      const answer = context.hostAnswer(host);
      return answer === true ? { send: context.identityToken } : answer === false ? { refuse: 'host-declined' } : { ask: host };
    }
  }
}
