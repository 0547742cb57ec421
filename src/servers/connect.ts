import type { PlexClients, PlexMediaServerClient } from '../plexApi';
import { asPlexFailure } from '../ui/errorMessages';

export interface ServerTarget {
  name: string;
  clientIdentifier?: string;
  connectionUris: readonly string[];
}

/**
 * Tries the server's connections in order (the service layer already ordered them local >
 * remote > relay, https before http) until one answers. Only "could not reach it" moves on to
 * the next connection; an answer, even an error, is the server's answer.
 */
export async function onFirstAnsweringConnection<T>(
  clients: PlexClients,
  target: ServerTarget,
  preferredUri: string | undefined,
  call: (client: PlexMediaServerClient) => Promise<T>,
): Promise<{ value: T; uri: string }> {
  const uris = preferredUri && target.connectionUris.includes(preferredUri)
    ? [preferredUri, ...target.connectionUris.filter((uri) => uri !== preferredUri)]
    : target.connectionUris;
  let lastError: unknown = new Error(`${target.name} has no connections`);
  for (const uri of uris) {
    try {
      return { value: await call(clients.mediaServer(uri)), uri };
    } catch (error) {
      const kind = asPlexFailure(error)?.kind;
      if (kind !== 'network' && kind !== 'timeout') {
        throw error;
      }
      lastError = error;
    }
  }
  throw lastError;
}
