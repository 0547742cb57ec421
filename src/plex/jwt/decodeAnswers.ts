// Decoders for clients.plex.tv's JWT answers: nonce, token exchange, published keys.
import { asArray, asObject, get, readString } from '../decodeFields';
import type { PlexSigningKey } from './verifyPlexJwt';

export function decodeNonce(value: unknown): string {
  return readString(asObject(value, ''), 'nonce', '');
}

/** The Plex JWT, not yet verified. */
export function decodeExchangedToken(value: unknown): string {
  return readString(asObject(value, ''), 'auth_token', '');
}

/** The Ed25519 keys among the published ones; others (a future algorithm) are skipped. */
export function decodeSigningKeys(value: unknown): PlexSigningKey[] {
  const keys = asArray(get(asObject(value, ''), 'keys'), 'keys');
  const usable: PlexSigningKey[] = [];
  for (const entry of keys) {
    if (typeof entry !== 'object' || entry === null) continue;
    const key = entry as Record<string, unknown>;
    if (key['kty'] === 'OKP' && key['crv'] === 'Ed25519' && typeof key['x'] === 'string' && typeof key['kid'] === 'string') {
      usable.push({ kid: key['kid'], x: key['x'] });
    }
  }
  return usable;
}
