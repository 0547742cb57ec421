// The headers every request sends. The token travels only here, in X-Plex-Token.
import { TokenInvalidError } from './errors';
import type { PlexClientIdentity } from './types';

/** Node refuses header values outside Latin-1 or with control characters; replace those. */
function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e\xa0-\xff]/g, '?').trim();
}

export function identityHeaders(identity: PlexClientIdentity): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'X-Plex-Client-Identifier': headerSafe(identity.clientIdentifier),
    'X-Plex-Product': headerSafe(identity.product),
    'X-Plex-Version': headerSafe(identity.version),
  };
  const optional: [string, string | undefined][] = [
    ['X-Plex-Platform', identity.platform],
    ['X-Plex-Platform-Version', identity.platformVersion],
    ['X-Plex-Device', identity.device],
    ['X-Plex-Device-Name', identity.deviceName],
  ];
  for (const [name, value] of optional) {
    if (value !== undefined && headerSafe(value) !== '') {
      headers[name] = headerSafe(value);
    }
  }
  return headers;
}

/** A token that cannot be sent as a header value is unusable: say so without sending anything. */
export function tokenHeader(token: string): Record<string, string> {
  if (!/^[\x21-\x7e]{1,4096}$/.test(token)) {
    throw new TokenInvalidError('The Plex token is empty or malformed. Sign in again.');
  }
  return { 'X-Plex-Token': token };
}
