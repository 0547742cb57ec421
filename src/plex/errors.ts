// Typed errors of the service layer. Messages are plain English for people; they never carry a
// token or a raw response body. The extension and dist/plex.js each hold their own copy of these
// classes, so callers recognise them with isPlexError()/`kind`, not with instanceof. Names are
// spelled out because minification renames classes.
import { PLEX_ERROR_KINDS, type PlexErrorKind } from './types';

export { PLEX_ERROR_KINDS };

export interface PlexErrorDetails {
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** Plex error code from an `{"errors":[{code}]}` body, when there was one. */
  plexCode?: number;
}

export abstract class PlexError extends Error {
  abstract readonly kind: PlexErrorKind;
  readonly status?: number;
  readonly plexCode?: number;

  constructor(message: string, details: PlexErrorDetails = {}) {
    super(message);
    if (details.status !== undefined) {
      this.status = details.status;
    }
    if (details.plexCode !== undefined) {
      this.plexCode = details.plexCode;
    }
  }
}

/** Wrong login or password on sign-in. */
export class InvalidCredentialsError extends PlexError {
  override name = 'InvalidCredentialsError';
  readonly kind = 'invalid-credentials';
}

/** 401 code 1029: ask for the verification code and sign in again with it. */
export class TwoFactorRequiredError extends PlexError {
  override name = 'TwoFactorRequiredError';
  readonly kind = 'two-factor-required';
}

/** Code 1031: plex.tv blocks sign-ins from this address for a while. */
export class TooManyAttemptsError extends PlexError {
  override name = 'TooManyAttemptsError';
  readonly kind = 'too-many-attempts';
}

/** 401 on a call made with a token (or a PMS refusing it): the token should be discarded. */
export class TokenInvalidError extends PlexError {
  override name = 'TokenInvalidError';
  readonly kind = 'token-invalid';
}

/** 429 or code 1003. */
export class RateLimitedError extends PlexError {
  override name = 'RateLimitedError';
  readonly kind = 'rate-limited';
  /** From the Retry-After header, when the server sent one. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, details: PlexErrorDetails & { retryAfterSeconds?: number } = {}) {
    super(message, details);
    if (details.retryAfterSeconds !== undefined) {
      this.retryAfterSeconds = details.retryAfterSeconds;
    }
  }
}

/** 404 code 1020 on a PIN check: start the browser sign-in again. */
export class PinExpiredError extends PlexError {
  override name = 'PinExpiredError';
  readonly kind = 'pin-expired';
}

/** 5xx and any other status the operation does not expect. */
export class PlexServerError extends PlexError {
  override name = 'PlexServerError';
  readonly kind = 'server-error';
}

/** Connection refused, DNS failure, reset, TLS failure: no usable answer arrived. */
export class PlexNetworkError extends PlexError {
  override name = 'PlexNetworkError';
  readonly kind = 'network';
}

export class PlexTimeoutError extends PlexError {
  override name = 'PlexTimeoutError';
  readonly kind = 'timeout';
}

/** The caller's AbortSignal fired. */
export class PlexCancelledError extends PlexError {
  override name = 'PlexCancelledError';
  readonly kind = 'cancelled';

  constructor(message = 'The request was cancelled.') {
    super(message);
  }
}

/** An answer arrived but could not be used: content type, malformed JSON/XML, size cap, missing field. */
export class PlexResponseError extends PlexError {
  override name = 'PlexResponseError';
  readonly kind = 'bad-response';
  /** The offending field path for decoding failures, e.g. `user.id`. */
  readonly field?: string;

  constructor(message: string, details: PlexErrorDetails & { field?: string } = {}) {
    super(message, details);
    if (details.field !== undefined) {
      this.field = details.field;
    }
  }
}

/** Works across bundles: checks the shape, not the class identity. */
export function isPlexError(value: unknown): value is PlexError {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as { kind?: unknown; name?: unknown; message?: unknown };
  return (
    typeof candidate.kind === 'string' &&
    (PLEX_ERROR_KINDS as readonly string[]).includes(candidate.kind) &&
    typeof candidate.name === 'string' &&
    typeof candidate.message === 'string'
  );
}
