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
import { parseJson } from './parseJson';
import { redact } from './redact';
import { decodeEntities, forEachStartTag } from './xml';

/** What the failed call was, since the same status means different things per operation. */
export type ErrorContext = 'sign-in' | 'pin' | 'plex-tv-token' | 'media-server-token' | PlexJwtErrorContext;

interface PlexErrorBody {
  code?: number;
  message?: string;
}

function readJsonErrorBody(text: string): PlexErrorBody {
  let parsed: unknown;
  try {
    parsed = parseJson(text);
  } catch {
    return {};
  }
  const errors = typeof parsed === 'object' && parsed !== null ? (parsed as { errors?: unknown }).errors : undefined;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  if (typeof first !== 'object' || first === null) {
    return {};
  }
  const { code, message } = first as { code?: unknown; message?: unknown };
  return errorBody(code, message);
}

function errorBody(code: unknown, message: unknown): PlexErrorBody {
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

const ERROR_ATTRIBUTES: ReadonlySet<string> = new Set(['code', 'message']);

/**
 * The first `<error>` of `<errors>`: attributes (`<error code="1001" message="..."/>`, the v2
 * shape) or text (`<error>Invalid token</error>`, the v1 shape).
 */
function readXmlErrorBody(text: string): PlexErrorBody {
  let body: PlexErrorBody = {};
  try {
    forEachStartTag(
      text,
      (element) => element.toLowerCase() === 'error' && ERROR_ATTRIBUTES,
      (tag) => {
        if (tag.name.toLowerCase() !== 'error') {
          return true;
        }
        const textEnd = tag.selfClosing ? -1 : text.indexOf('<', tag.end);
        const content = textEnd === -1 ? undefined : decodeEntities(text.slice(tag.end, textEnd)).trim();
        body = errorBody(tag.attributes.get('code'), tag.attributes.get('message') ?? (content === '' ? undefined : content));
        return false;
      },
    );
  } catch {
    return {};
  }
  return body;
}

/** Plex's error bodies are a few hundred bytes; a larger one is not read (the status still counts). */
export const ERROR_BODY_READ_LIMIT = 64 * 1024;

export function readPlexErrorBody(text: string, mediaType: string): PlexErrorBody {
  if (text.length > ERROR_BODY_READ_LIMIT) {
    return {};
  }
  if (mediaType === 'json') {
    return readJsonErrorBody(text);
  }
  return mediaType === 'xml' ? readXmlErrorBody(text) : {};
}

/** How much of Plex's message is looked at: more than is ever shown, little enough to redact quickly. */
const MESSAGE_READ_LIMIT = 1000;

/** Plex's own short explanation, cleaned for display: redacted, one line, bounded. */
function plexSaid(message: string | undefined): string {
  if (message === undefined) {
    return '';
  }
  const clean = redact(message.slice(0, MESSAGE_READ_LIMIT)).replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ').trim().slice(0, 200);
  return clean === '' ? '' : ` Plex said: "${clean}".`;
}

export interface ErrorResponse {
  status: number;
  host: string;
  context: ErrorContext;
  body: PlexErrorBody;
  retryAfterMs?: number;
}

/** The routes that send a token (a JWT one included), where a refusal of it means "this token is dead". */
const TOKEN_CONTEXTS: ReadonlySet<ErrorContext> = new Set<ErrorContext>(['plex-tv-token', 'media-server-token', 'media-server-jwt']);

/**
 * plex.tv answers a token that a password reset ("sign out of all devices") revoked with 422 and
 * "Invalid token" (`<errors><error>Invalid token</error></errors>`, or the JSON errors array), as
 * python-plexapi also reads it. On a route that sends a token that is a refusal like 401. Other
 * 422s keep their meaning: on the JWT routes 422 is about the device key (jwt/responseErrors.ts).
 */
function refusesToken(status: number, context: ErrorContext, body: PlexErrorBody): boolean {
  return status === 422 && TOKEN_CONTEXTS.has(context) && (body.message ?? '').toLowerCase().includes('invalid token');
}

export function errorFromResponse({ status: sentStatus, host, context, body, retryAfterMs }: ErrorResponse): PlexError {
  const details = { status: sentStatus, ...(body.code === undefined ? {} : { plexCode: body.code }) };
  const status = refusesToken(sentStatus, context, body) ? 401 : sentStatus;
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
  return new PlexServerError(`${host} answered with HTTP ${sentStatus}.${plexSaid(body.message)}`, details);
}

/** Failures worth another try for an idempotent request. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}
