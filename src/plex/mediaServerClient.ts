// A Plex Media Server: its identity (no token), a token check, transient tokens and source connection information.
import { decodeIdentity, type PlexServerIdentity } from './decodeIdentity';
import { decodeSourceConnectionInformation, decodeTransientTokenJson, decodeTransientTokenXml } from './decodeMediaServer';
import { PlexHttp } from './http';
import { looksLikeJwt } from './jwt/compact';
import { jsonOf } from './plexTvClient';
import type { PlexMediaServerClientOptions, PlexRequestOptions, PlexSourceConnectionInformation } from './types';

/** A refused Plex JWT is reported apart from a refused classic token: servers are reported to refuse JWTs. */
function mediaServerContext(token: string): 'media-server-token' | 'media-server-jwt' {
  return looksLikeJwt(token) ? 'media-server-jwt' : 'media-server-token';
}

export class PlexMediaServerClient {
  private readonly http: PlexHttp;

  constructor(options: PlexMediaServerClientOptions) {
    this.http = new PlexHttp(options);
  }

  /** Who answers at this address (`GET /identity`): it needs no token, and none is sent. Never retried: a probe has one try. */
  async getIdentity(options?: PlexRequestOptions): Promise<PlexServerIdentity> {
    const body = await this.http.request({ method: 'GET', path: '/identity', expect: 'json-or-xml', context: 'media-server-token', retry: false }, options);
    return decodeIdentity(body);
  }

  /**
   * One authenticated request (`GET /`, the server's capabilities): the server takes the token at
   * this address. Its MediaContainer names the server as /identity does.
   */
  async checkToken(token: string, options?: PlexRequestOptions): Promise<PlexServerIdentity> {
    const body = await this.http.request({ method: 'GET', path: '/', token, expect: 'json-or-xml', context: mediaServerContext(token), retry: true }, options);
    return decodeIdentity(body);
  }

  /**
   * A delegation token valid up to 48 h (until the server restarts). GET works with servers of
   * both spec versions (the 2026 one prefers POST but answers every verb). Servers answer JSON
   * or `<MediaContainer token="..."/>`.
   */
  async getTransientToken(token: string, options?: PlexRequestOptions): Promise<string> {
    const body = await this.http.request(
      {
        method: 'GET',
        path: '/security/token',
        query: { type: 'delegation', scope: 'all' },
        token,
        expect: 'json-or-xml',
        context: mediaServerContext(token),
        retry: true,
      },
      options,
    );
    return body.format === 'xml' ? decodeTransientTokenXml(body.text) : decodeTransientTokenJson(jsonOf(body));
  }

  /** `source` is e.g. `server://<clientIdentifier>` or `provider://<id>`; needs an admin (or derived transient) token. */
  async getSourceConnectionInformation(
    token: string,
    source: string,
    options?: PlexRequestOptions,
  ): Promise<PlexSourceConnectionInformation> {
    const body = await this.http.request(
      {
        method: 'GET',
        path: '/security/resources',
        query: { source },
        token,
        expect: 'json',
        context: mediaServerContext(token),
        retry: true,
      },
      options,
    );
    return decodeSourceConnectionInformation(jsonOf(body), source);
  }
}
