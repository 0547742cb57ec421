// Token shapes as Plex issues them: account tokens are 20 characters (letters, digits, `_`, `-`,
// e.g. `CxoUzBTSV5hsxjTpFKaf`); PMS transient tokens are `transient-<uuid>`.
import { randomInt, randomUUID } from 'node:crypto';

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomString(length: number, alphabet: string): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[randomInt(alphabet.length)];
  return text;
}

export function newAccountToken(): string {
  // A leading letter keeps the token from looking like a command-line option in any output.
  return randomString(1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + randomString(19, TOKEN_ALPHABET);
}

export function newTransientToken(): string {
  return `transient-${randomUUID()}`;
}

/** Strong PIN codes (for the browser flow) are 25 characters; plex.tv/link codes are 4. */
export function newPinCode(strong: boolean): string {
  return strong ? randomString(25, LOWER_ALPHANUMERIC) : randomString(4, UPPER_ALPHANUMERIC);
}
