// How plex.tv's JWT answers (clients.plex.tv) and a server's refusal of a JWT become PlexErrors.
// Statuses from Plex's documentation: 498 token expired, 422 signature verification failed or
// thumbprint already taken, 429 too many requests. 498, 401 and 422 all end the JWT session:
// 498 and 401 as 'token-invalid' (the existing "session expired, sign in again" path), 422 as
// 'jwt-rejected' with the reason, since the fix differs (a new device key).
import { PinExpiredError, TokenInvalidError, type PlexError, type PlexErrorDetails } from '../errors';
import { PlexJwtRejectedError, PlexServerRefusesJwtError } from './errors';

/** `plex-jwt`: auth/jwk, nonce, token, keys. `plex-jwt-pin`: the JWK-carrying PIN. `media-server-jwt`: a PMS called with a Plex JWT. */
export type PlexJwtErrorContext = 'plex-jwt' | 'plex-jwt-pin' | 'media-server-jwt';

interface ErrorBody {
  code?: number;
  message?: string;
}

/** The JWT-specific error for this answer, or undefined to let the general mapping decide. */
export function plexJwtErrorFromResponse(
  status: number,
  host: string,
  context: string,
  body: ErrorBody,
  details: PlexErrorDetails,
): PlexError | undefined {
  if (status === 498) {
    return new TokenInvalidError(`${host} says the Plex sign-in has expired. Sign in again.`, details);
  }
  if (context === 'media-server-jwt') {
    return status === 401 || status === 403
      ? new PlexServerRefusesJwtError(`${host} did not accept the Plex JWT (Plex Media Servers are reported to refuse JWTs).`, details)
      : undefined;
  }
  if (context !== 'plex-jwt' && context !== 'plex-jwt-pin') {
    return undefined;
  }
  if (status === 422) {
    return /thumbprint/i.test(body.message ?? '')
      ? new PlexJwtRejectedError('thumbprint-taken', "plex.tv says this device key is already registered by another device. Sign in again to make a new key.", details)
      : new PlexJwtRejectedError('device-signature-refused', "plex.tv did not accept this device's signature (its key is unknown or was revoked). Sign in again.", details);
  }
  if (status === 401) {
    return new TokenInvalidError('plex.tv did not accept the sign-in. Sign in again.', details);
  }
  if (status === 404 && context === 'plex-jwt-pin') {
    return new PinExpiredError('The sign-in code has expired or is unknown. Start the browser sign-in again.', details);
  }
  return undefined;
}
