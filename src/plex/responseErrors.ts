// Turns a non-2xx answer into the matching PlexError. Bodies come in three shapes: plex.tv's
// JSON `{"errors":[{code,message,status}]}`, its XML twin, and PMS HTML pages (2026 spec).
import {
  InvalidCredentialsError,
  PinExpiredError,
  PlexServerError,
  RateLimitedError,
  TokenInvalidError,
  TooManyAttemptsError,
  TwoFactorRequiredError,
  type PlexError,
} from './errors';
import { plexJwtErrorFromResponse, type PlexJwtErrorContext } from './jwt/responseErrors';
import { redact } from './redact';

/** What the failed call was, since the same status means different things per operation. */
export type ErrorContext = 'sign-in' | 'pin' | 'plex-tv-token' | 'media-server-token' | PlexJwtErrorContext;

interface PlexErrorBody {
  code?: number;
  message?: string;
}

function readJsonErrorBody(text: string): PlexErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const errors = typeof parsed === 'object' && parsed !== null ? (parsed as { errors?: unknown }).errors : undefined;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  if (typeof first !== 'object' || first === null) {
    return {};
  }
  const { code, message } = first as { code?: unknown; message?: unknown };
  const body: PlexErrorBody = {};
  const numericCode = typeof code === 'string' && /^\d{1,6}$/.test(code) ? Number(code) : code;
  if (typeof numericCode === 'number' && Number.isSafeInteger(numericCode)) {
    body.code = numericCode;
  }
  if (typeof message === 'string') {
    body.message = message;
  }
  return body;
}

function readXmlErrorBody(text: string): PlexErrorBody {
  const code = /<error\b[^>]{0,500}?\scode="(\d{1,6})"/i.exec(text)?.[1];
  return code === undefined ? {} : { code: Number(code) };
}

export function readPlexErrorBody(text: string, mediaType: string): PlexErrorBody {
  if (mediaType === 'json') {
    return readJsonErrorBody(text);
  }
  return mediaType === 'xml' ? readXmlErrorBody(text) : {};
}

/** Plex's own short explanation, cleaned for display: redacted, one line, bounded. */
function plexSaid(message: string | undefined): string {
  if (message === undefined) {
    return '';
  }
  const clean = redact(message).replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ').trim().slice(0, 200);
  return clean === '' ? '' : ` Plex said: "${clean}".`;
}

export interface ErrorResponse {
  status: number;
  host: string;
  context: ErrorContext;
  body: PlexErrorBody;
  retryAfterMs?: number;
}

export function errorFromResponse({ status, host, context, body, retryAfterMs }: ErrorResponse): PlexError {
  const details = { status, ...(body.code === undefined ? {} : { plexCode: body.code }) };
  const jwtError = plexJwtErrorFromResponse(status, host, context, body, details);
  if (jwtError !== undefined) {
    return jwtError;
  }
  if (status === 429 || body.code === 1003) {
    const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
    const when = retryAfterSeconds === undefined ? 'in a little while' : `in ${retryAfterSeconds} s`;
    return new RateLimitedError(`${host} is limiting requests. Try again ${when}.`, {
      ...details,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
  }
  if (body.code === 1029) {
    return new TwoFactorRequiredError(
      'This account uses two-factor authentication: enter the verification code from your authenticator app.',
      details,
    );
  }
  if (body.code === 1031) {
    return new TooManyAttemptsError('Too many failed sign-in attempts from this network. Wait a while, then try again.', details);
  }
  if (body.code === 1020 || (status === 404 && context === 'pin')) {
    return new PinExpiredError('The sign-in code has expired or is unknown. Start the browser sign-in again.', details);
  }
  if (status === 401 && context === 'sign-in') {
    return new InvalidCredentialsError('Plex did not accept that email/username and password.', details);
  }
  if (status === 401 && context === 'plex-tv-token') {
    return new TokenInvalidError('plex.tv no longer accepts the saved token. Sign in again.', details);
  }
  // A PMS answers 401 (2024 spec) or 403 (2026 spec) to a missing, invalid or expired token.
  if ((status === 401 || status === 403) && context === 'media-server-token') {
    return new TokenInvalidError(`${host} did not accept the token (invalid, expired or without access).`, details);
  }
  return new PlexServerError(`${host} answered with HTTP ${status}.${plexSaid(body.message)}`, details);
}

/** Failures worth another try for an idempotent request. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}
