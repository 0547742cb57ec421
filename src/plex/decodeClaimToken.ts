// Decoder for GET /api/claim/token.json: `{"token": "claim-..."}`. plex.tv states no lifetime in
// the answer; an `expiresIn` (seconds) or `expiresAt` (ISO date or epoch seconds) is honoured if present.
import { CLAIM_TOKEN_LIFETIME_MS, type PlexClaimToken } from './accountToolsTypes';
import { asObject, childPath, fieldError, get, readOptionalNumber, readOptionalString, readString, type JsonObject } from './decodeFields';

function expiryFromAnswer(object: JsonObject, path: string, requestedAt: number): number | undefined {
  const expiresIn = readOptionalNumber(object, 'expiresIn', path);
  if (expiresIn !== undefined && expiresIn >= 0) {
    return requestedAt + expiresIn * 1000;
  }
  const expiresAt = get(object, 'expiresAt');
  if (typeof expiresAt === 'number') {
    return expiresAt > 0 ? expiresAt * 1000 : undefined;
  }
  const text = readOptionalString(object, 'expiresAt', path);
  const parsed = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** `requestedAt` (epoch ms, taken before sending) makes the assumed lifetime err on the short side. */
export function decodeClaimToken(value: unknown, requestedAt: number, path = 'claim'): PlexClaimToken {
  const object = asObject(value, path);
  const token = readString(object, 'token', path);
  if (token === '') {
    throw fieldError(childPath(path, 'token'), 'non-empty string', token);
  }
  const fromPlex = expiryFromAnswer(object, path, requestedAt);
  return {
    token,
    expiresAt: fromPlex ?? requestedAt + CLAIM_TOKEN_LIFETIME_MS,
    expiryFromPlex: fromPlex !== undefined,
  };
}
