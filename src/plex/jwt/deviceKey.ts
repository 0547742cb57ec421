// The device key of JWT device authentication: an Ed25519 pair made with Node's own crypto. The
// caller keeps the private JWK (serializeDeviceKey) in secret storage and nowhere else; plex.tv
// gets only the public JWK. The key id follows python-plexapi and scttcper/plex, since plex.tv
// puts the registered `kid` into every Plex JWT as `thumbprint`: lowercase hex SHA-256 of the raw
// private key bytes followed by the raw public key bytes.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeBase64Url } from './base64url';

/** The private JWK (RFC 8037): what the caller stores. `d` is the secret. */
export interface PlexDeviceKey {
  kty: 'OKP';
  crv: 'Ed25519';
  /** Public key, base64url. */
  x: string;
  /** Private key, base64url. */
  d: string;
}

/** The public JWK sent to plex.tv (registration, PIN). */
export interface PlexPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  use: 'sig';
  alg: 'EdDSA';
  kid: string;
}

const KEY_BYTES = 32;

export function generateDeviceKey(): PlexDeviceKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string' || typeof jwk.d !== 'string') {
    throw new Error('Node returned an incomplete Ed25519 key.');
  }
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d };
}

export function deviceKeyId(key: PlexDeviceKey): string {
  const material = Buffer.concat([rawMember(key.d), rawMember(key.x)]);
  return createHash('sha256').update(material).digest('hex');
}

export function publicJwkOf(key: PlexDeviceKey): PlexPublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: key.x, use: 'sig', alg: 'EdDSA', kid: deviceKeyId(key) };
}

/** The string to keep in secret storage. */
export function serializeDeviceKey(key: PlexDeviceKey): string {
  return JSON.stringify({ kty: key.kty, crv: key.crv, x: key.x, d: key.d });
}

/**
 * A stored key, or undefined when the text is not a whole, self-consistent Ed25519 private JWK
 * (`x` must be the public half of `d`): a damaged key is replaced, never half-used.
 */
export function parseDeviceKey(text: string): PlexDeviceKey | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { kty, crv, x, d } = value as Record<string, unknown>;
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string' || typeof d !== 'string') {
    return undefined;
  }
  if (decodeBase64Url(x)?.length !== KEY_BYTES || decodeBase64Url(d)?.length !== KEY_BYTES) {
    return undefined;
  }
  const key: PlexDeviceKey = { kty, crv, x, d };
  try {
    const derived = createPublicKey(privateKeyObject(key)).export({ format: 'jwk' });
    return derived.x === x ? key : undefined;
  } catch {
    return undefined;
  }
}

export function privateKeyObject(key: PlexDeviceKey): KeyObject {
  return createPrivateKey({ key: { kty: key.kty, crv: key.crv, x: key.x, d: key.d }, format: 'jwk' });
}

function rawMember(member: string): Buffer {
  const bytes = decodeBase64Url(member);
  if (bytes?.length !== KEY_BYTES) {
    throw new TypeError('The device key is not a valid Ed25519 key.');
  }
  return bytes;
}
