// Failures of JWT device authentication. A rejected JWT is never stored or used: the caller
// shows the message and offers to sign in again. Messages name the failed check, never the token.
import { PlexError, type PlexErrorDetails } from '../errors';

/** Why a JWT was rejected: by our checks of a Plex JWT, or by plex.tv (422) for our device JWT or key. */
export const PLEX_JWT_REJECTIONS = [
  // Our checks of a Plex JWT before it is stored or used.
  'malformed',
  'unsupported-algorithm',
  'unknown-signing-key',
  'bad-signature',
  'missing-claim',
  'wrong-issuer',
  'wrong-audience',
  'wrong-thumbprint',
  'issued-in-future',
  'expired',
  // plex.tv's 422 answers.
  'device-signature-refused',
  'thumbprint-taken',
] as const;

export type PlexJwtRejection = (typeof PLEX_JWT_REJECTIONS)[number];

export class PlexJwtRejectedError extends PlexError {
  override name = 'PlexJwtRejectedError';
  readonly kind = 'jwt-rejected';
  readonly reason: PlexJwtRejection;

  constructor(reason: PlexJwtRejection, message: string, details: PlexErrorDetails = {}) {
    super(message, details);
    this.reason = reason;
  }
}

/** The reason of a 'jwt-rejected' error, also for a copy from another bundle (checked by shape); else undefined. */
export function jwtRejectionOf(error: unknown): PlexJwtRejection | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const { kind, reason } = error as { kind?: unknown; reason?: unknown };
  return kind === 'jwt-rejected' ? PLEX_JWT_REJECTIONS.find((known) => known === reason) : undefined;
}

/**
 * A Plex Media Server answered 401/403 to a request made with a Plex JWT. Servers are documented
 * to accept JWTs but reported to refuse them, so the caller can suggest the classic sign-in.
 */
export class PlexServerRefusesJwtError extends PlexError {
  override name = 'PlexServerRefusesJwtError';
  readonly kind = 'server-refuses-jwt';
}
