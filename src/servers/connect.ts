import type { PlexClients, PlexMediaServerClient } from '../plexApi';
import { failureKind, plexFailure } from '../plex/failure';
import { InsecureConnections } from './insecureConnections';

export interface ServerTarget {
  name: string;
  clientIdentifier?: string;
  connectionUris: readonly string[];
}

/**
 * Tries the server's connections in order (the service layer already ordered them local >
 * remote > relay, https before http) until one answers. Only "could not reach it" moves on to
 * the next connection; an answer, even an error, is the server's answer.
 *
 * Secure connections (https, or http to this computer) go first. The token goes over plain http
 * to another computer only when the user agreed for this server (asked once, remembered);
 * declining now is a cancellation, a remembered "no" skips those connections.
 */
export async function onFirstAnsweringConnection<T>(
  clients: PlexClients,
  insecure: InsecureConnections,
  target: ServerTarget,
  preferredUri: string | undefined,
  call: (client: PlexMediaServerClient) => Promise<T>,
): Promise<{ value: T; uri: string }> {
  const ordered = preferredUri && target.connectionUris.includes(preferredUri)
    ? [preferredUri, ...target.connectionUris.filter((uri) => uri !== preferredUri)]
    : target.connectionUris;
  const uris = clients.security.preferSecure(ordered);
  let lastError: unknown = new Error(`${target.name} has no connections`);
  let declined: string | undefined;
  for (const uri of uris) {
    const permission = await insecure.permission(target, uri);
    if (permission === 'asked-declined' || permission === 'dismissed') {
      throw plexFailure('cancelled', 'Cancelled');
    }
    if (permission === 'declined') {
      declined = InsecureConnections.keyOf(target, uri);
      continue;
    }
    try {
      return { value: await call(clients.mediaServer(uri)), uri };
    } catch (error) {
      const kind = failureKind(error);
      if (kind !== 'network' && kind !== 'timeout') {
        throw error;
      }
      lastError = error;
    }
  }
  throw declined === undefined
    ? lastError
    : plexFailure('insecure-declined', 'No encrypted connection answered, and the user chose earlier not to send the token unencrypted.', { serverKey: declined });
}
