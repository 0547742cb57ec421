import { plexFailure } from './plex/failure';

/**
 * Plex tokens travel as an HTTP header value, so a real one is printable ASCII. One that is not
 * (invalid UTF-8 in the answer, say) arrived garbled: it would fail everywhere it is used, so it
 * is refused as an unreadable answer instead of being copied or stored.
 */
export function usableToken(token: string, from: string): string {
  if (!/^[\x21-\x7e]{1,4096}$/.test(token)) {
    throw plexFailure('bad-response', `${from} sent a token that is not printable ASCII; it was not used.`);
  }
  return token;
}
