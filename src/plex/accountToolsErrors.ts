// Errors of the account tools that need their own message in the extension. Same rules as
// errors.ts: plain English, no token or PIN in a message, recognised by `kind` across bundles.
import { PlexError } from './errors';

/** 403 code 1041 on a Home user switch: the PIN was missing or wrong. Ask (again) for the PIN. */
export class HomePinInvalidError extends PlexError {
  override name = 'HomePinInvalidError';
  override readonly kind = 'home-pin-invalid';
}

/** 404 on a Home user switch: the user was removed from the Home meanwhile. */
export class HomeUserNotFoundError extends PlexError {
  override name = 'HomeUserNotFoundError';
  override readonly kind = 'home-user-not-found';
}

/** A link code that is malformed (checked before sending), unknown or expired (404, code 1020). */
export class LinkCodeInvalidError extends PlexError {
  override name = 'LinkCodeInvalidError';
  override readonly kind = 'link-code-invalid';
}

/** 404 on removing a device: it is no longer authorized (removed elsewhere, or a stale list). */
export class DeviceNotFoundError extends PlexError {
  override name = 'DeviceNotFoundError';
  override readonly kind = 'device-not-found';
}
