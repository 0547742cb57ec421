// The service layer's public shapes. Decoders in this folder produce these from plex.tv and PMS
// responses; the extension depends on nothing else from an HTTP body.

/** What every request sends as `X-Plex-*` headers; the extension owns the client identifier. */
export interface PlexClientIdentity {
  clientIdentifier: string;
  product: string;
  version: string;
  platform?: string;
  platformVersion?: string;
  device?: string;
  deviceName?: string;
}

export interface PlexRequestOptions {
  /** Cancels the call (and any retry wait); the call rejects with `PlexCancelledError`. */
  signal?: AbortSignal;
  /** Per-attempt timeout; defaults to the client's (15 s). */
  timeoutMs?: number;
}

export interface PlexSubscription {
  active: boolean;
  status?: string;
  plan?: string;
  features: string[];
  subscribedAt?: string;
}

export interface PlexAccount {
  id: number;
  uuid: string;
  username: string;
  title: string;
  friendlyName?: string;
  email: string;
  thumb?: string;
  /** Epoch seconds. */
  joinedAt?: number;
  /** Epoch seconds when the token stops working unless used; 0 or absent: Plex gave no expiry. */
  rememberExpiresAt?: number;
  twoFactorEnabled: boolean;
  home: boolean;
  homeAdmin: boolean;
  homeSize?: number;
  maxHomeSize?: number;
  subscription?: PlexSubscription;
}

/** The result of a sign-in: the account token and the account it belongs to. */
export interface PlexSignIn {
  authToken: string;
  account: PlexAccount;
}

export interface PlexPin {
  id: number;
  code: string;
  /** Seconds the PIN stays valid from creation. */
  expiresIn: number;
  expiresAt?: string;
  /** Null until the user approves the PIN in the browser. */
  authToken: string | null;
}

export interface PlexConnection {
  uri: string;
  protocol: 'http' | 'https';
  address: string;
  port: number;
  local: boolean;
  relay: boolean;
  ipv6: boolean;
}

export interface PlexServer {
  name: string;
  clientIdentifier: string;
  /** The token to use on this server (for a shared server it differs from the account token). */
  accessToken?: string;
  owned: boolean;
  productVersion?: string;
  platform?: string;
  /** Ordered local > remote > relay, https before http within each group. */
  connections: PlexConnection[];
}

export interface PlexSourceConnection {
  uri: string;
  protocol?: string;
  address?: string;
  port?: number;
  local?: boolean;
  relay?: boolean;
}

export interface PlexSourceConnectionInformation {
  name: string;
  clientIdentifier: string;
  accessToken?: string;
  connections: PlexSourceConnection[];
}

/** One line of the request log handed to the caller's logger; already redacted. */
export interface PlexRequestLogEntry {
  method: string;
  /** Origin and path only: never a query string that could carry a secret. */
  url: string;
  attempt: number;
  status?: number;
  durationMs: number;
  error?: string;
  /** The failure's kind, with `error`. */
  kind?: PlexErrorKind;
}

/** Every kind of failure the service layer reports; code in other bundles checks `kind` against it. */
export const PLEX_ERROR_KINDS = [
  'invalid-credentials',
  'two-factor-required',
  'too-many-attempts',
  'token-invalid',
  'rate-limited',
  'pin-expired',
  'server-error',
  'network',
  'timeout',
  'cancelled',
  'bad-response',
  // Account tools (accountToolsErrors.ts).
  'home-pin-invalid',
  'home-user-not-found',
  'link-code-invalid',
  'device-not-found',
  // Webhooks (webhookErrors.ts).
  'plex-pass-required',
  // Plex JWT device authentication (src/plex/jwt/errors.ts).
  'jwt-rejected',
  'server-refuses-jwt',
] as const;

export type PlexErrorKind = (typeof PLEX_ERROR_KINDS)[number];

/** Automatic retries of idempotent GETs (network errors, 429, 502, 503, 504). */
export interface PlexRetryOptions {
  /** Retries after the first attempt; default 3 (0 turns retries off). */
  maxRetries?: number;
  /** First backoff delay; doubles per retry, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of one backoff delay. Default 8 s. */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails at once. Default 30 s. */
  maxRetryAfterMs?: number;
}

interface PlexClientOptionsBase {
  identity: PlexClientIdentity;
  /** Per-attempt timeout; default 15 000 ms. */
  timeoutMs?: number;
  /** Receives one already-redacted entry per HTTP exchange. */
  log?: (entry: PlexRequestLogEntry) => void;
  retry?: PlexRetryOptions;
}

export interface PlexTvClientOptions extends PlexClientOptionsBase {
  /** Default https://plex.tv */
  baseUrl?: string;
}

export interface PlexMediaServerClientOptions extends PlexClientOptionsBase {
  /** The server's address, e.g. https://10-0-0-5.abc.plex.direct:32400 */
  baseUrl: string;
}

export interface PlexSignInRequest {
  /** Email or username. */
  login: string;
  password: string;
  /** The two-factor code, after a TwoFactorRequiredError. */
  verificationCode?: string;
  rememberMe?: boolean;
}
