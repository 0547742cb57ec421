// Typed errors of the service layer, one class per kind, all PlexFailures (./failure.ts): callers
// recognise them by `kind`, not with instanceof. Names are spelled out because minification
// renames classes.
import { isPlexFailure, PlexFailure, type FailureDetails } from './failure';
import { PLEX_ERROR_KINDS, type PlexErrorKind } from './types';

export { PLEX_ERROR_KINDS };

export type PlexErrorDetails = Pick<FailureDetails, 'status' | 'plexCode'>;

/** A failure of a Plex call; its kind is one of PLEX_ERROR_KINDS. */
export abstract class PlexError extends PlexFailure {
  declare readonly kind: PlexErrorKind;

  constructor(message: string, details: FailureDetails = {}) {
    // Each subclass sets its own kind as a field, right after this constructor.
    super('cancelled', message, details);
  }
}

/** Wrong login or password on sign-in. */
export class InvalidCredentialsError extends PlexError {
  override name = 'InvalidCredentialsError';
  override readonly kind = 'invalid-credentials';
}

/** 401 code 1029: ask for the verification code and sign in again with it. */
export class TwoFactorRequiredError extends PlexError {
  override name = 'TwoFactorRequiredError';
  override readonly kind = 'two-factor-required';
}

/** Code 1031: plex.tv blocks sign-ins from this address for a while. */
export class TooManyAttemptsError extends PlexError {
  override name = 'TooManyAttemptsError';
  override readonly kind = 'too-many-attempts';
}

/** 401 on a call made with a token (or a PMS refusing it): the token should be discarded. */
export class TokenInvalidError extends PlexError {
  override name = 'TokenInvalidError';
  override readonly kind = 'token-invalid';
}

/** 429 or code 1003. */
export class RateLimitedError extends PlexError {
  override name = 'RateLimitedError';
  override readonly kind = 'rate-limited';
}

/** 404 code 1020 on a PIN check: start the browser sign-in again. */
export class PinExpiredError extends PlexError {
  override name = 'PinExpiredError';
  override readonly kind = 'pin-expired';
}

/** 5xx and any other status the operation does not expect. */
export class PlexServerError extends PlexError {
  override name = 'PlexServerError';
  override readonly kind = 'server-error';
}

/** Connection refused, DNS failure, reset, TLS failure: no usable answer arrived. */
export class PlexNetworkError extends PlexError {
  override name = 'PlexNetworkError';
  override readonly kind = 'network';
  /** What failed on the way, for a report per connection (the message says it in words). */
  reason: NetworkReason = 'other';
}

/** Why no answer arrived: the connection refused, the name did not resolve, TLS failed, and so on. */
export type NetworkReason = 'refused' | 'dns' | 'tls' | 'closed' | 'unreachable' | 'invalid-http' | 'other';

export class PlexTimeoutError extends PlexError {
  override name = 'PlexTimeoutError';
  override readonly kind = 'timeout';
}

/** The caller's AbortSignal fired. */
export class PlexCancelledError extends PlexError {
  override name = 'PlexCancelledError';
  override readonly kind = 'cancelled';

  constructor(message = 'The request was cancelled.') {
    super(message);
  }
}

/** An answer arrived but could not be used: content type, malformed JSON/XML, size cap, missing field. */
export class PlexResponseError extends PlexError {
  override name = 'PlexResponseError';
  override readonly kind = 'bad-response';
}

/** A Plex call's failure, from any bundle. */
export function isPlexError(value: unknown): value is PlexError {
  return isPlexFailure(value) && (PLEX_ERROR_KINDS as readonly string[]).includes(value.kind);
}
