// The Plex stand-in's contract: what tests, the harness and `npm start` may rely on.
// Everything here is reachable in-process (the StandIn object) and over HTTP under
// `<plexTvUrl>/__standin/...` (for tests that run inside the VS Code extension host).
import type { StandInAccountToolsApi, StandInHomeSeed } from './accountToolsTypes';

export type * from './accountToolsTypes';
import type { StandInJwt } from './jwt/types';

/** Routes the stand-in serves, by name (used by fault rules and the request log). */
export type StandInRoute =
  | 'signin' // POST /api/v2/users/signin
  | 'pins.create' // POST /api/v2/pins
  | 'pins.check' // GET /api/v2/pins/:id
  | 'user' // GET /api/v2/user
  | 'resources' // GET /api/v2/resources
  | 'signout' // DELETE /api/v2/users/signout
  | 'ping' // GET /api/v2/ping
  | 'pms.transientToken' // GET or POST /security/token on a PMS
  | 'pms.sourceConnection' // GET /security/resources on a PMS
  | 'pms.identity' // GET /identity on a PMS (no token needed)
  | 'pms.root' // GET / on a PMS (the server's capabilities; needs a token)
  | 'home.users' // GET /api/v2/home/users
  | 'home.switch' // POST /api/v2/home/users/:uuid/switch
  | 'devices' // GET /devices.xml
  | 'devices.remove' // DELETE /devices/:id.xml
  | 'claim.token' // GET /api/claim/token.json
  | 'pins.link' // PUT /api/v2/pins/link
  | 'webhooks.list' // GET /api/v2/user/webhooks
  | 'webhooks.set' // POST /api/v2/user/webhooks
  // clients.plex.tv, served under <plexTvUrl>/clients (jwt/site.ts)
  | 'jwt.register' // POST /api/v2/auth/jwk
  | 'jwt.nonce' // GET /api/v2/auth/nonce
  | 'jwt.token' // POST /api/v2/auth/token
  | 'jwt.keys' // GET /api/v2/auth/keys
  | 'jwt.pins.create' // POST /api/v2/pins with a JWK
  | 'jwt.pins.check'; // GET /api/v2/pins/:id?deviceJWT=...

export type StandInFault =
  | { kind: 'status'; status: number; code?: number; message?: string; retryAfterSeconds?: number }
  | { kind: 'rate-limit'; retryAfterSeconds?: number } // 429, code 1003, Retry-After when given
  | { kind: 'too-many-attempts' } // 429?/401 with code 1031 on sign-in
  | { kind: 'token-revoked' } // 401, code 1001
  | { kind: 'invalid-token-422' } // 422 "Invalid token": plex.tv after a password reset signed out every device
  | { kind: 'pin-expired' } // 404, code 1020
  | { kind: 'slow'; delayMs: number } // the normal answer, after a delay
  | { kind: 'trickle'; bytesPerSecond: number } // the normal answer, a few bytes at a time
  | { kind: 'hang' } // accepts, never answers
  | { kind: 'reset' } // destroys the socket before any response
  | { kind: 'reset-mid-body' } // sends headers and half the body, then destroys the socket
  | { kind: 'malformed-json' }
  | { kind: 'html-error'; status?: number } // text/html error page (default 500)
  | { kind: 'xml' } // the answer as XML although JSON was asked for
  | { kind: 'oversized'; bytes?: number; declareLength?: boolean } // a valid-looking JSON body of `bytes` (default 2 MiB), chunked unless declareLength
  | { kind: 'missing-field'; field: string } // the normal answer without `field` (dotted path)
  | { kind: 'wrong-type'; field: string } // the normal answer with `field` set to a wrong type
  | { kind: 'redirect'; location: string; status?: number }
  | { kind: 'set-field'; field: string; value: string | number | boolean | null } // the normal answer with `field` (dotted path) set to `value`, e.g. a hostile server name
  | { kind: 'deep-json'; depth?: number } // a valid JSON body nested `depth` arrays deep (default 100 000)
  | { kind: 'invalid-utf8'; field: string }; // the normal answer with invalid UTF-8 bytes at the start of the string `field`

export interface StandInFaultRule {
  route: StandInRoute | '*';
  fault: StandInFault;
  /** How many matching requests it applies to; absent = until cleared. */
  times?: number;
  /** For PMS routes: only this server (client identifier). */
  server?: string;
}

export interface StandInConnectionSeed {
  protocol: 'http' | 'https';
  local: boolean;
  relay: boolean;
  /** When absent the connection points at this server's own stand-in listener. */
  uri?: string;
  /**
   * Serve this connection from a listener of its own that waits this long before each answer
   * (changed with `setConnectionDelay`; `reset()` puts the seed's value back).
   */
  delayMs?: number;
  /** Serve this connection from a listener of its own that answers as this other server (its identity, its routes). */
  answersAs?: string;
}

export interface StandInServerSeed {
  name: string;
  clientIdentifier: string;
  /** Which spec the PMS follows: 2024-09 (GET /security/token) or 2026-02 (any verb, HTML 400/403). */
  spec?: '2024-09' | '2026-02';
  connections: StandInConnectionSeed[];
}

export interface StandInAccountSeed {
  username: string;
  email: string;
  password: string;
  title?: string;
  /** When set, the account has two-factor authentication and this is the valid code. */
  verificationCode?: string;
  plexPass?: boolean;
  servers?: StandInServerSeed[];
  /** When set, the account is the administrator of this Plex Home. */
  home?: StandInHomeSeed;
}

export interface StandInOptions {
  /** Defaults: DEMO_ACCOUNTS. */
  accounts?: StandInAccountSeed[];
  /** Host for all listeners except the auth page; default 127.0.0.1. */
  host?: string;
  /** Host for the browser approval page; default 127.0.0.2 (see the notes on openExternal). */
  authHost?: string;
  /** Port for plex.tv; default 0 (any free port). The `npm start` path may fix it. */
  port?: number;
  /**
   * Whether Plex Media Servers take Plex JWTs by default. Default false: Plex servers are reported
   * to refuse them; `standIn.jwt.setServersRefuseJwt` changes it for one server or all.
   */
  serversAcceptJwt?: boolean;
  /**
   * Also serves clients.plex.tv on a listener of its own (a second host, as Plex has), whose
   * origin `jwt.state().clientsUrl` then gives; `<plexTvUrl>/clients` keeps serving it too.
   */
  clientsOnOwnHost?: boolean;
}

export interface StandInLogEntry {
  time: number;
  /** 'plex.tv', 'auth' or the PMS client identifier. */
  host: string;
  route: StandInRoute | 'unknown' | 'auth-page';
  method: string;
  /** Path with the query string, tokens redacted. */
  path: string;
  /** Request headers, lower-case names, token values redacted. */
  headers: Record<string, string>;
  status: number;
  durationMs: number;
}

export interface StandInServerInfo {
  name: string;
  clientIdentifier: string;
  /** This PMS's listener, e.g. http://127.0.0.1:40123 */
  url: string;
  owner: string;
}

export interface StandInState {
  plexTvUrl: string;
  /** The approval page to use as the `plex.authUrl` setting, e.g. http://127.0.0.2:40125/auth */
  authUrl: string;
  servers: StandInServerInfo[];
  accounts: { username: string; email: string; password: string; verificationCode?: string }[];
}

export interface StandIn extends StandInState, StandInAccountToolsApi {
  /** Issues a fresh account token for `username` (as a sign-in would) without HTTP. */
  issueToken(username: string): string;
  revokeToken(token: string): void;
  /** Approves a pending PIN (by id) for `username`. */
  approvePin(pinId: number, username: string): void;
  /** Approves PINs automatically on their Nth poll (0 = off). */
  setPinAutoApproval(afterPolls: number, username: string): void;
  /** Forgets the server's transient tokens, as a PMS restart does. */
  restartServer(clientIdentifier: string): void;
  /** How long connection `index` (in the seed's order) waits before each answer: one seeded with `delayMs` or `answersAs`. */
  setConnectionDelay(clientIdentifier: string, index: number, delayMs: number): void;
  addFault(rule: StandInFaultRule): void;
  clearFaults(): void;
  log(): StandInLogEntry[];
  clearLog(): void;
  /**
   * Protocol violations seen (e.g. a token in a query string), and every answer or service-layer
   * request that disagrees with the Plex specs in a way test/spec/deviations.ts does not list;
   * tests assert this stays empty.
   */
  violations(): string[];
  /** For a test that provokes violations on purpose, once it has checked them: the run's checks then see only later ones. */
  clearViolations(): void;
  /** Back to the state it started in (faults, PINs, devices, Home, claim tokens, JWT switches); see StandInWorld.reset. */
  reset(): void;
  /** Every token the stand-in has issued (account, transient, server access, Plex JWT) or received as a device JWT: for leak audits. */
  issuedTokens(): string[];
  /** clients.plex.tv: JWT device authentication (jwt/types.ts). */
  jwt: StandInJwt;
  close(): Promise<void>;
}
