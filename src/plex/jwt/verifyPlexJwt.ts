// Every Plex JWT is checked here before it is stored or used: an EdDSA signature by one of
// plex.tv's published keys, iss, aud, iat, exp, and thumbprint equal to our own key id.
import { createPublicKey, verify } from 'node:crypto';
import { readCompactJwt, type JsonObject } from './compact';
import { PlexJwtRejectedError, type PlexJwtRejection } from './errors';

/** One of plex.tv's published Ed25519 keys (GET /api/v2/auth/keys). */
export interface PlexSigningKey {
  kid: string;
  /** Public key, base64url. */
  x: string;
}

export interface PlexJwtUser {
  id?: number;
  uuid?: string;
  username?: string;
  email?: string;
  friendlyName?: string;
}

export interface PlexJwtClaims {
  iss: string;
  aud: string[];
  /** Epoch seconds. */
  iat: number;
  /** Epoch seconds. */
  exp: number;
  thumbprint: string;
  nonce?: string;
  scope?: string;
  user?: PlexJwtUser;
}

export interface VerifiedPlexJwt {
  token: string;
  claims: PlexJwtClaims;
  /** Epoch seconds. */
  expiresAt: number;
  /** The `kid` of the plex.tv key that signed it. */
  signingKeyId: string;
}

export interface PlexJwtExpectations {
  /** Our client identifier: it must be in `aud`. */
  clientIdentifier: string;
  /** Our device key id: `thumbprint` must equal it. */
  keyId: string;
  keys: readonly PlexSigningKey[];
  /** Epoch milliseconds; default Date.now(). */
  nowMs?: number;
  /** How far ahead of our clock `iat` may be; default 60 s. */
  clockSkewSeconds?: number;
}

export const PLEX_JWT_ISSUER = 'plex.tv';
const DEFAULT_CLOCK_SKEW_SECONDS = 60;

function reject(reason: PlexJwtRejection, message: string): never {
  throw new PlexJwtRejectedError(reason, `The Plex JWT was rejected: ${message}`);
}

/** Throws PlexJwtRejectedError (with `reason`) unless every check passes. */
export function verifyPlexJwt(token: string, expected: PlexJwtExpectations): VerifiedPlexJwt {
  const jwt = readCompactJwt(token);
  if (jwt === undefined) {
    reject('malformed', 'it is not a well-formed JWT.');
  }
  if (jwt.header['alg'] !== 'EdDSA') {
    reject('unsupported-algorithm', 'it is not signed with EdDSA.');
  }
  const signingKeyId = verifySignature(jwt.signingInput, jwt.signature, jwt.header, expected.keys);
  const claims = readClaims(jwt.claims);
  if (claims.iss !== PLEX_JWT_ISSUER) {
    reject('wrong-issuer', 'plex.tv did not issue it.');
  }
  if (!claims.aud.includes(expected.clientIdentifier)) {
    reject('wrong-audience', 'it was issued for another client.');
  }
  if (claims.thumbprint !== expected.keyId) {
    reject('wrong-thumbprint', "it was issued for another device key than this installation's.");
  }
  const now = Math.floor((expected.nowMs ?? Date.now()) / 1000);
  const skew = expected.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const notBefore = jwt.claims['nbf'];
  if (claims.iat > now + skew || (typeof notBefore === 'number' && notBefore > now + skew)) {
    reject('issued-in-future', 'it is not valid yet (check the computer clock).');
  }
  if (claims.exp <= now || claims.exp <= claims.iat) {
    reject('expired', 'it has expired.');
  }
  return { token, claims, expiresAt: claims.exp, signingKeyId };
}

/** Picks the key by the header's `kid`; without a `kid`, any published key that verifies. */
function verifySignature(signingInput: Buffer, signature: Buffer, header: JsonObject, keys: readonly PlexSigningKey[]): string {
  const kid = header['kid'];
  const candidates = typeof kid === 'string' ? keys.filter((key) => key.kid === kid) : keys;
  if (candidates.length === 0) {
    reject('unknown-signing-key', 'it is signed with a key plex.tv does not publish.');
  }
  for (const key of candidates) {
    if (signatureValid(signingInput, signature, key)) {
      return key.kid;
    }
  }
  return reject('bad-signature', 'its signature does not verify.');
}

function signatureValid(signingInput: Buffer, signature: Buffer, key: PlexSigningKey): boolean {
  try {
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
    return verify(null, signingInput, publicKey, signature);
  } catch {
    return false;
  }
}

function readClaims(raw: JsonObject): PlexJwtClaims {
  const iss = raw['iss'];
  const audValue = raw['aud'];
  const iat = raw['iat'];
  const exp = raw['exp'];
  const thumbprint = raw['thumbprint'];
  const aud = typeof audValue === 'string' ? [audValue] : audValue;
  if (
    typeof iss !== 'string' ||
    !Array.isArray(aud) ||
    !aud.every((entry): entry is string => typeof entry === 'string') ||
    !isSeconds(iat) ||
    !isSeconds(exp) ||
    typeof thumbprint !== 'string'
  ) {
    return reject('missing-claim', 'it lacks one of iss, aud, iat, exp, thumbprint (or one has the wrong type).');
  }
  const claims: PlexJwtClaims = { iss, aud, iat, exp, thumbprint };
  const { nonce, scope, user } = raw;
  if (typeof nonce === 'string') claims.nonce = nonce;
  if (typeof scope === 'string') claims.scope = scope;
  const decodedUser = readUser(user);
  if (decodedUser !== undefined) claims.user = decodedUser;
  return claims;
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function readUser(value: unknown): PlexJwtUser | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const raw = value as JsonObject;
  const user: PlexJwtUser = {};
  if (typeof raw['id'] === 'number') user.id = raw['id'];
  if (typeof raw['uuid'] === 'string') user.uuid = raw['uuid'];
  if (typeof raw['username'] === 'string') user.username = raw['username'];
  if (typeof raw['email'] === 'string') user.email = raw['email'];
  const friendly = raw['friendly_name'] ?? raw['friendlyName'];
  if (typeof friendly === 'string') user.friendlyName = friendly;
  return user;
}
