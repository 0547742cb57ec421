// plex.tv's side of the JWTs, written independently of src/plex/jwt so a shared mistake cannot
// hide: the stand-in's Ed25519 signing keys (published at /auth/keys), one key it never publishes
// (for the "unknown key" flaw), signing Plex JWTs and checking device JWT signatures.
import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { JsonObject } from '../json';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  x: string;
}

export interface ParsedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw new Error('no Ed25519 public key');
  return { kid: `standin-${randomUUID()}`, privateKey, x };
}

export class PlexJwtSigner {
  private readonly published: SigningKey[] = [newSigningKey()];
  private readonly unpublished = newSigningKey();

  /** The `/api/v2/auth/keys` body. */
  keysBody(): JsonObject {
    return { keys: this.published.map(({ kid, x }) => ({ kty: 'OKP', crv: 'Ed25519', x, use: 'sig', alg: 'EdDSA', kid })) };
  }

  keyIds(): string[] {
    return this.published.map(({ kid }) => kid);
  }

  rotate(): void {
    this.published.push(newSigningKey());
  }

  sign(claims: JsonObject, withUnpublishedKey: boolean): string {
    const key = withUnpublishedKey ? this.unpublished : this.published[this.published.length - 1];
    const header = { alg: 'EdDSA', typ: 'JWT', kid: key.kid };
    const input = `${segment(header)}.${segment(claims)}`;
    return `${input}.${sign(null, Buffer.from(input), key.privateKey).toString('base64url')}`;
  }
}

function segment(value: JsonObject): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** header.payload.signature with JSON object parts, or undefined. */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part))) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

/** Whether `jwt` is signed by the Ed25519 public key `x` (base64url). */
export function signedBy(jwt: ParsedJwt, x: string): boolean {
  try {
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    return verify(null, Buffer.from(jwt.signingInput), publicKey, jwt.signature);
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
