// plex.tv's published JWT signing keys, kept per origin with an expiry. They are public, but a
// stand-in or proxy (plex.plexTvUrl) never lends its keys to plex.tv, and keys plex.tv rotates are
// fetched again. Plain TypeScript: the unit tests check it.
import type { PlexSigningKeyCache } from '../../plex/plexJwtAuth';

/** How long one origin's keys are used before they are fetched again. */
export const SIGNING_KEYS_TTL_MS = 12 * 60 * 60 * 1000;

export class SigningKeys {
  private readonly byOrigin = new Map<string, { keys: PlexSigningKeyCache; since: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The holder PlexJwtAuth fills for `baseUrl`'s origin: the same one until it expires, then an empty one. */
  for(baseUrl: string): PlexSigningKeyCache {
    let origin: string;
    try {
      origin = new URL(baseUrl).origin;
    } catch {
      return {};
    }
    const held = this.byOrigin.get(origin);
    if (held && this.now() - held.since < SIGNING_KEYS_TTL_MS) {
      return held.keys;
    }
    const fresh = { keys: {}, since: this.now() };
    this.byOrigin.set(origin, fresh);
    return fresh.keys;
  }
}
