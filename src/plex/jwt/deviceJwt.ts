// The device JWT: our signed request for a Plex JWT (token exchange) or for the result of a
// JWT-carrying PIN. It binds a plex.tv nonce to our key and client identifier for a few minutes.
import { sign } from 'node:crypto';
import { encodeBase64Url } from './base64url';
import { signingInputOf } from './compact';
import { deviceKeyId, privateKeyObject, type PlexDeviceKey } from './deviceKey';

/** python-plexapi and scttcper/plex give it 5 minutes, the nonce's own life. */
export const DEVICE_JWT_LIFETIME_SECONDS = 300;

/** Every scope plex.tv documents; they choose which user fields the Plex JWT carries. */
export const PLEX_JWT_SCOPES: readonly string[] = ['username', 'email', 'friendly_name', 'restricted', 'anonymous', 'joinedAt'];

export interface DeviceJwtClaimsInput {
  clientIdentifier: string;
  /** From GET /api/v2/auth/nonce. */
  nonce: string;
  scopes?: readonly string[];
  /** Epoch milliseconds; default Date.now(). */
  nowMs?: number;
  lifetimeSeconds?: number;
}

export function signDeviceJwt(key: PlexDeviceKey, input: DeviceJwtClaimsInput): string {
  const iat = Math.floor((input.nowMs ?? Date.now()) / 1000);
  const header = { alg: 'EdDSA', typ: 'JWT', kid: deviceKeyId(key) };
  const claims = {
    nonce: input.nonce,
    scope: (input.scopes ?? PLEX_JWT_SCOPES).join(','),
    aud: 'plex.tv',
    iss: input.clientIdentifier,
    iat,
    exp: iat + (input.lifetimeSeconds ?? DEVICE_JWT_LIFETIME_SECONDS),
  };
  const signingInput = signingInputOf(header, claims);
  const signature = sign(null, Buffer.from(signingInput, 'ascii'), privateKeyObject(key));
  return `${signingInput}.${encodeBase64Url(signature)}`;
}
