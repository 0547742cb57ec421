// JWS compact serialization (header.payload.signature) of the JWTs this flow uses. Reading a
// JWT here checks its shape only; verifyPlexJwt.ts decides whether to trust it.
import { parseJson } from '../parseJson';
import { decodeBase64Url, encodeBase64Url } from './base64url';

export type JsonObject = Record<string, unknown>;

export interface CompactJwt {
  header: JsonObject;
  claims: JsonObject;
  /** The bytes the signature covers: `header.payload` as sent. */
  signingInput: Buffer;
  signature: Buffer;
}

/** Three segments of letters, digits, `-` and `_`: a JWT rather than a classic Plex token. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

/** The parsed JWT, or undefined when it is not a well-formed compact JWS with JSON objects. */
export function readCompactJwt(token: string): CompactJwt | undefined {
  const firstDot = token.indexOf('.');
  const secondDot = firstDot === -1 ? -1 : token.indexOf('.', firstDot + 1);
  // Exactly two dots; found without splitting, so a token of dots costs no array of its size.
  if (secondDot === -1 || token.includes('.', secondDot + 1)) {
    return undefined;
  }
  const headerPart = token.slice(0, firstDot);
  const claimsPart = token.slice(firstDot + 1, secondDot);
  const signaturePart = token.slice(secondDot + 1);
  const header = jsonObjectOf(headerPart);
  const claims = jsonObjectOf(claimsPart);
  const signature = decodeBase64Url(signaturePart);
  if (header === undefined || claims === undefined || signature === undefined) {
    return undefined;
  }
  return { header, claims, signingInput: Buffer.from(`${headerPart}.${claimsPart}`, 'ascii'), signature };
}

export function signingInputOf(header: JsonObject, claims: JsonObject): string {
  return `${encodeBase64Url(JSON.stringify(header))}.${encodeBase64Url(JSON.stringify(claims))}`;
}

function jsonObjectOf(segment: string): JsonObject | undefined {
  const bytes = decodeBase64Url(segment);
  if (bytes === undefined) {
    return undefined;
  }
  let value: unknown;
  try {
    value = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** `exp` of a JWT in epoch seconds, without checking anything else; for a JWT verified before it was stored. */
export function jwtExpiry(token: string): number | undefined {
  const exp = readCompactJwt(token)?.claims['exp'];
  return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
}
