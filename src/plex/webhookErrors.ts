// Errors of the webhook calls that need their own message in the extension. Same rules as
// errors.ts: plain English, no token in a message, recognised by `kind` across bundles.
import { PlexError } from './errors';

/** plex.tv refused the webhook list (403): webhooks need an active Plex Pass on the account. */
export class PlexPassRequiredError extends PlexError {
  override name = 'PlexPassRequiredError';
  override readonly kind = 'plex-pass-required';
}
