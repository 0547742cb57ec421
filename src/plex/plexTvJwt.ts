// clients.plex.tv: the requests of JWT device authentication. Each returns what plex.tv sent;
// src/plex/plexJwtAuth.ts combines them with the device key and verifies every Plex JWT.
import { decodePin } from './decodeAccount';
import { PlexHttp } from './http';
import { decodeExchangedToken, decodeNonce, decodeSigningKeys } from './jwt/decodeAnswers';
import type { PlexPublicJwk } from './jwt/deviceKey';
import type { PlexSigningKey } from './jwt/verifyPlexJwt';
import { jsonOf } from './plexTvClient';
import type { PlexPin, PlexRequestOptions, PlexTvClientOptions } from './types';

export const DEFAULT_PLEX_CLIENTS_URL = 'https://clients.plex.tv';

export interface PlexTvJwtClientOptions extends Omit<PlexTvClientOptions, 'baseUrl'> {
  /** Default https://clients.plex.tv; the stand-in serves it at `<plexTvUrl>/clients`. */
  baseUrl?: string;
}

export class PlexTvJwtClient {
  private readonly http: PlexHttp;
  readonly clientIdentifier: string;

  constructor(options: PlexTvJwtClientOptions) {
    this.clientIdentifier = options.identity.clientIdentifier;
    this.http = new PlexHttp({ ...options, baseUrl: options.baseUrl ?? DEFAULT_PLEX_CLIENTS_URL });
  }

  /**
   * Registers the public JWK for the account of `token` (a classic token issued for this client
   * identifier). 422 thumbprint taken: another device registered this key. Not retried.
   */
  async registerJwk(token: string, jwk: PlexPublicJwk, options?: PlexRequestOptions): Promise<void> {
    await this.http.request(
      { method: 'POST', path: '/api/v2/auth/jwk', token, json: { jwk }, expect: 'none', context: 'plex-jwt', retry: false },
      options,
    );
  }

  /** A nonce valid for 5 minutes and one exchange. Rate-limited by plex.tv. */
  async getNonce(options?: PlexRequestOptions): Promise<string> {
    const body = await this.http.request(
      { method: 'GET', path: '/api/v2/auth/nonce', expect: 'json', context: 'plex-jwt', retry: true },
      options,
    );
    return decodeNonce(jsonOf(body));
  }

  /** Exchanges a signed device JWT for a Plex JWT (unverified). Not retried: the nonce is single-use. */
  async exchangeDeviceJwt(deviceJwt: string, options?: PlexRequestOptions): Promise<string> {
    const body = await this.http.request(
      { method: 'POST', path: '/api/v2/auth/token', json: { jwt: deviceJwt }, expect: 'json', context: 'plex-jwt', retry: false },
      options,
    );
    return decodeExchangedToken(jsonOf(body));
  }

  /** plex.tv's published Ed25519 keys; there may be several. */
  async getSigningKeys(options?: PlexRequestOptions): Promise<PlexSigningKey[]> {
    const body = await this.http.request(
      { method: 'GET', path: '/api/v2/auth/keys', expect: 'json', context: 'plex-jwt', retry: true },
      options,
    );
    return decodeSigningKeys(jsonOf(body));
  }

  /** A strong (browser) PIN carrying the public JWK; approving it registers the key. Not retried. */
  async createJwtPin(jwk: PlexPublicJwk, options?: PlexRequestOptions): Promise<PlexPin> {
    const body = await this.http.request(
      { method: 'POST', path: '/api/v2/pins', json: { jwk, strong: true }, expect: 'json', context: 'plex-jwt-pin', retry: false },
      options,
    );
    return decodePin(jsonOf(body));
  }

  /**
   * Polls a JWT PIN; once approved, `authToken` is a Plex JWT (unverified). plex.tv reads the
   * device JWT only from the `deviceJWT` query parameter: the one credential this client puts in
   * a URL. It is short-lived and bound to a nonce, our key and this PIN, and request logs carry
   * origin and path only.
   */
  async checkJwtPin(pinId: number, deviceJwt: string, options?: PlexRequestOptions): Promise<PlexPin> {
    if (!Number.isSafeInteger(pinId) || pinId < 0) {
      throw new TypeError('The PIN id must be a non-negative integer.');
    }
    const body = await this.http.request(
      {
        method: 'GET',
        path: `/api/v2/pins/${pinId}`,
        query: { deviceJWT: deviceJwt },
        expect: 'json',
        context: 'plex-jwt-pin',
        retry: true,
      },
      options,
    );
    return decodePin(jsonOf(body));
  }
}
