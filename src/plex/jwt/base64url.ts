// Base64url (RFC 7515 section 2, no padding) for JWT segments and JWK members. Decoding is
// strict: Node's decoder skips characters it does not know and ignores the spare bits of the
// last character, so two different strings could decode to the same signature. Only the one
// canonical spelling of a byte string is accepted.

const ALPHABET = /^[A-Za-z0-9_-]*$/;

export function encodeBase64Url(data: Uint8Array | string): string {
  return Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64url');
}

/** The bytes, or undefined when `text` is not canonical unpadded base64url. */
export function decodeBase64Url(text: string): Buffer | undefined {
  if (!ALPHABET.test(text) || text.length % 4 === 1) {
    return undefined;
  }
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
