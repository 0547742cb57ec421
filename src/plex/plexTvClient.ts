// plex.tv: sign-in (password and PIN), account details, servers, sign-out.
import { decodeAccount, decodePin, decodeSignIn } from './decodeAccount';
import { decodeServers } from './decodeResources';
import { PlexResponseError } from './errors';
import { PlexHttp } from './http';
import type { PlexHttpBody } from './successBody';
import type {
  PlexAccount,
  PlexClientIdentity,
  PlexPin,
  PlexRequestOptions,
  PlexServer,
  PlexSignIn,
  PlexSignInRequest,
  PlexTvClientOptions,
} from './types';

export const DEFAULT_PLEX_TV_URL = 'https://plex.tv';
export const DEFAULT_AUTH_PAGE_URL = 'https://app.plex.tv/auth';

/** The JSON the decoders read; an XML or empty body where JSON is required is a bad response. */
export function jsonOf(body: PlexHttpBody): unknown {
  if (body.format !== 'json') {
    throw new PlexResponseError('Plex sent a response that was not JSON.');
  }
  return body.value;
}

export class PlexTvClient {
  private readonly http: PlexHttp;
  private readonly identity: PlexClientIdentity;

  constructor(options: PlexTvClientOptions) {
    this.identity = options.identity;
    this.http = new PlexHttp({ ...options, baseUrl: options.baseUrl ?? DEFAULT_PLEX_TV_URL });
  }

  /** Password sign-in. Never retried: a repeat could count as another failed attempt. */
  async signIn(request: PlexSignInRequest, options?: PlexRequestOptions): Promise<PlexSignIn> {
    const form: Record<string, string> = {
      login: request.login,
      password: request.password,
      rememberMe: String(request.rememberMe ?? false),
    };
    if (request.verificationCode !== undefined && request.verificationCode !== '') {
      form['verificationCode'] = request.verificationCode;
    }
    const body = await this.http.request(
      { method: 'POST', path: '/api/v2/users/signin', form, expect: 'json', context: 'sign-in', retry: false },
      options,
    );
    return decodeSignIn(jsonOf(body));
  }

  /** Step 1 of the browser sign-in: a strong PIN. Never retried (each try makes a new PIN). */
  async createPin(options?: PlexRequestOptions): Promise<PlexPin> {
    const body = await this.http.request(
      { method: 'POST', path: '/api/v2/pins', query: { strong: 'true' }, expect: 'json', context: 'pin', retry: false },
      options,
    );
    return decodePin(jsonOf(body));
  }

  /**
   * Step 2: the page where the user approves the PIN. It carries no token. With `forwardUrl`, the
   * page sends the browser there once the user approved (the redirect carries no token either).
   */
  authUrl(pin: PlexPin, authPageUrl: string = DEFAULT_AUTH_PAGE_URL, forwardUrl?: string): string {
    const fragment = [
      ['clientID', this.identity.clientIdentifier],
      ['code', pin.code],
      ['context[device][product]', this.identity.product],
      ...(forwardUrl === undefined ? [] : [['forwardUrl', forwardUrl]]),
    ]
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&');
    return `${authPageUrl.split('#', 1)[0] ?? authPageUrl}#?${fragment}`;
  }

  /** Step 3: poll (no faster than every 1-2 s) until `authToken` is non-null. */
  async checkPin(pinId: number, options?: PlexRequestOptions): Promise<PlexPin> {
    if (!Number.isSafeInteger(pinId) || pinId < 0) {
      throw new TypeError('The PIN id must be a non-negative integer.');
    }
    const body = await this.http.request(
      { method: 'GET', path: `/api/v2/pins/${pinId}`, expect: 'json', context: 'pin', retry: true },
      options,
    );
    return decodePin(jsonOf(body));
  }

  /** Account details; a TokenInvalidError means the token should be discarded, nothing else does. */
  async getAccount(token: string, options?: PlexRequestOptions): Promise<PlexAccount> {
    const body = await this.http.request(
      { method: 'GET', path: '/api/v2/user', token, expect: 'json', context: 'plex-tv-token', retry: true },
      options,
    );
    return decodeAccount(jsonOf(body));
  }

  /** The account's servers, each with its connections ordered best first. */
  async getServers(token: string, options?: PlexRequestOptions): Promise<PlexServer[]> {
    const body = await this.http.request(
      {
        method: 'GET',
        path: '/api/v2/resources',
        query: { includeHttps: '1', includeRelay: '1' },
        token,
        expect: 'json',
        context: 'plex-tv-token',
        retry: true,
      },
      options,
    );
    return decodeServers(jsonOf(body));
  }

  /**
   * Counts as use of the token, which keeps a classic token from expiring. Only the status
   * matters: no source documents the body's JSON form (the XML one is a bare boolean).
   */
  async ping(token: string, options?: PlexRequestOptions): Promise<void> {
    await this.http.request(
      { method: 'GET', path: '/api/v2/ping', token, expect: 'none', context: 'plex-tv-token', retry: true },
      options,
    );
  }

  /** Revokes the token at plex.tv. Not retried. */
  async signOut(token: string, options?: PlexRequestOptions): Promise<void> {
    await this.http.request(
      { method: 'DELETE', path: '/api/v2/users/signout', token, expect: 'none', context: 'plex-tv-token', retry: false },
      options,
    );
  }
}
