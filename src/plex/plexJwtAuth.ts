// JWT device authentication for one device key: register it, sign in through a JWT-carrying PIN,
// renew, and verify. Every Plex JWT it returns has passed verifyPlexJwt; nothing else leaves here.
import { isPlexError } from './errors';
import { readCompactJwt } from './jwt/compact';
import { signDeviceJwt } from './jwt/deviceJwt';
import { deviceKeyId, publicJwkOf, type PlexDeviceKey, type PlexPublicJwk } from './jwt/deviceKey';
import { verifyPlexJwt, type PlexSigningKey, type VerifiedPlexJwt } from './jwt/verifyPlexJwt';
import type { PlexTvJwtClient } from './plexTvJwt';
import type { PlexPin, PlexRequestOptions } from './types';

export interface PlexJwtAuthOptions {
  client: PlexTvJwtClient;
  key: PlexDeviceKey;
  /** Default: every documented scope. */
  scopes?: readonly string[];
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
  /** plex.tv's published signing keys, shared by every PlexJwtAuth given the same holder (they are public). */
  signingKeys?: PlexSigningKeyCache;
}

export interface PlexSigningKeyCache {
  keys?: PlexSigningKey[];
}

/** python-plexapi and scttcper/plex renew when less than a day is left. */
export const PLEX_JWT_RENEW_WITHIN_SECONDS = 24 * 60 * 60;

/** Whether a Plex JWT expiring at `expiresAt` (epoch seconds) should be renewed now. */
export function plexJwtNeedsRenewal(expiresAt: number, nowMs: number = Date.now()): boolean {
  return expiresAt - nowMs / 1000 < PLEX_JWT_RENEW_WITHIN_SECONDS;
}

/** A PIN's device JWT is re-signed (with a new nonce) before the nonce's 5 minutes run out. */
const PIN_DEVICE_JWT_REUSE_MS = 4 * 60 * 1000;

export class PlexJwtAuth {
  readonly keyId: string;
  readonly publicJwk: PlexPublicJwk;
  private readonly client: PlexTvJwtClient;
  private readonly key: PlexDeviceKey;
  private readonly scopes: readonly string[] | undefined;
  private readonly now: () => number;
  private readonly signingKeys: PlexSigningKeyCache;
  private pinDeviceJwt: { jwt: string; signedAtMs: number } | undefined;
  private renewal: Promise<VerifiedPlexJwt> | undefined;

  constructor(options: PlexJwtAuthOptions) {
    this.client = options.client;
    this.key = options.key;
    this.scopes = options.scopes;
    this.now = options.now ?? Date.now;
    this.signingKeys = options.signingKeys ?? {};
    this.keyId = deviceKeyId(options.key);
    this.publicJwk = publicJwkOf(options.key);
  }

  /** Registers the public key for the account of a classic token (email/password or token sign-in). */
  register(classicToken: string, options?: PlexRequestOptions): Promise<void> {
    return this.client.registerJwk(classicToken, this.publicJwk, options);
  }

  /** Step 1 of the JWT browser sign-in; open `PlexTvClient.authUrl(pin, ...)` next. */
  createPin(options?: PlexRequestOptions): Promise<PlexPin> {
    this.pinDeviceJwt = undefined;
    return this.client.createJwtPin(this.publicJwk, options);
  }

  /** Polls the PIN: null until approved, then the verified Plex JWT. Poll every 1-2 s. */
  async checkPin(pinId: number, options?: PlexRequestOptions): Promise<VerifiedPlexJwt | null> {
    const cached = this.pinDeviceJwt;
    const reused = cached !== undefined && this.now() - cached.signedAtMs < PIN_DEVICE_JWT_REUSE_MS;
    const deviceJwt = reused ? cached.jwt : await this.signPinDeviceJwt(options);
    let pin: PlexPin;
    try {
      pin = await this.client.checkJwtPin(pinId, deviceJwt, options);
    } catch (error) {
      // A reused device JWT plex.tv no longer takes (its nonce aged on plex.tv's clock): one fresh try.
      if (!reused || !isPlexError(error) || (error.status !== 400 && error.status !== 498)) {
        throw error;
      }
      pin = await this.client.checkJwtPin(pinId, await this.signPinDeviceJwt(options), options);
    }
    return pin.authToken === null ? null : this.verify(pin.authToken, options);
  }

  /** A new Plex JWT: nonce, signed device JWT, exchange, verification. Concurrent calls share one renewal. */
  renew(options?: PlexRequestOptions): Promise<VerifiedPlexJwt> {
    this.renewal ??= this.exchange(options).finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  /** Checks a Plex JWT against plex.tv's published keys (fetched once, again for an unknown `kid`). */
  async verify(token: string, options?: PlexRequestOptions): Promise<VerifiedPlexJwt> {
    const jwt = readCompactJwt(token);
    const kid = jwt?.header['kid'];
    const known = this.signingKeys.keys?.some((key) => key.kid === kid) ?? false;
    if (jwt !== undefined && (this.signingKeys.keys === undefined || (typeof kid === 'string' && !known))) {
      this.signingKeys.keys = await this.client.getSigningKeys(options);
    }
    return verifyPlexJwt(token, {
      clientIdentifier: this.client.clientIdentifier,
      keyId: this.keyId,
      keys: this.signingKeys.keys ?? [],
      nowMs: this.now(),
    });
  }

  private async exchange(options?: PlexRequestOptions): Promise<VerifiedPlexJwt> {
    const deviceJwt = await this.signWithNewNonce(options);
    const token = await this.client.exchangeDeviceJwt(deviceJwt, options);
    return this.verify(token, options);
  }

  private async signPinDeviceJwt(options?: PlexRequestOptions): Promise<string> {
    const jwt = await this.signWithNewNonce(options);
    this.pinDeviceJwt = { jwt, signedAtMs: this.now() };
    return jwt;
  }

  private async signWithNewNonce(options?: PlexRequestOptions): Promise<string> {
    const nonce = await this.client.getNonce(options);
    return signDeviceJwt(this.key, {
      clientIdentifier: this.client.clientIdentifier,
      nonce,
      nowMs: this.now(),
      ...(this.scopes === undefined ? {} : { scopes: this.scopes }),
    });
  }
}
