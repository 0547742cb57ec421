import * as vscode from 'vscode';
import { failureKind, isPlexFailure } from '../plex/failure';

/**
 * One sentence the user can act on. `where` names what was being reached ("Plex", or a server
 * name); messages never include a response body or anything that could hold a token.
 */
export function describeFailure(error: unknown, where: string): string {
  const failure = isPlexFailure(error) ? error : undefined;
  switch (failure?.kind) {
    case 'invalid-credentials':
      return vscode.l10n.t('Plex did not accept that email or password.');
    case 'two-factor-required':
      return vscode.l10n.t('This account needs a two-factor authentication code.');
    case 'too-many-attempts':
      return vscode.l10n.t('Too many failed sign-in attempts. Wait a few minutes, then try again.');
    case 'token-invalid':
      return vscode.l10n.t('Your Plex session has expired or was revoked. Sign in again to continue.');
    case 'rate-limited':
      return failure.retryAfterSeconds
        ? vscode.l10n.t('{0} is receiving too many requests. Try again in {1} seconds.', where, failure.retryAfterSeconds)
        : vscode.l10n.t('{0} is receiving too many requests. Try again in a minute.', where);
    case 'pin-expired':
      return vscode.l10n.t('The sign-in request expired before it was approved. Start the sign-in again.');
    case 'link-code-invalid':
      return vscode.l10n.t('That code is not valid or has expired. Check the code the device shows now, and try again.');
    case 'device-not-found':
      return vscode.l10n.t('That device is no longer authorized on your Plex account. Refresh the Devices view.');
    case 'plex-pass-required':
      return vscode.l10n.t('Webhooks are a Plex Pass feature, and this Plex account has no active Plex Pass.');
    case 'home-pin-invalid':
      return vscode.l10n.t('That PIN is not correct for this Plex Home user. Try again.');
    case 'home-user-not-found':
      return vscode.l10n.t('That user is no longer in your Plex Home. Refresh and try again.');
    case 'server-error':
      return failure.status
        ? vscode.l10n.t('{0} answered with an error (HTTP {1}). Try again later.', where, failure.status)
        : vscode.l10n.t('{0} answered with an error. Try again later.', where);
    case 'network':
      return vscode.l10n.t('{0} could not be reached. Check your connection.', where);
    case 'timeout':
      return vscode.l10n.t('{0} did not answer in time. Check your connection, or raise "plex.requestTimeoutSeconds".', where);
    case 'cancelled':
      return vscode.l10n.t('Cancelled.');
    case 'bad-response':
      return vscode.l10n.t('{0} sent an answer that could not be read. The log has the details.', where);
    case 'jwt-rejected':
      return describeJwtRejection((failure as { reason?: unknown }).reason);
    case 'server-refuses-jwt':
      return vscode.l10n.t(
        '{0} did not accept your Plex JWT (Plex Media Servers are reported to refuse JWTs). To use a classic token, turn off the setting "plex.jwt.enabled" and sign in again.',
        where,
      );
    case 'setting':
    case 'secret-storage':
    case 'insecure-declined':
    case 'not-allowed':
      // The extension's own failures say what to do: a setting to fix, a keychain to unlock.
      return failure.message;
    default:
      return vscode.l10n.t('Something went wrong talking to {0}. The log has the details.', where);
  }
}

/** The reason is one of the service layer's fixed names (PLEX_JWT_REJECTIONS), never text from a server. */
function describeJwtRejection(reason: unknown): string {
  if (reason === 'thumbprint-taken' || reason === 'device-signature-refused') {
    return vscode.l10n.t("plex.tv no longer accepts this device's key. Sign in again to make a new one.");
  }
  const check = typeof reason === 'string' && /^[a-z-]{1,40}$/.test(reason) ? reason : 'unknown';
  return vscode.l10n.t(
    'The Plex JWT from plex.tv did not pass its checks ({0}), so it was not stored or used. Try again, or turn off the setting "plex.jwt.enabled" to use a classic token.',
    check,
  );
}

/** Failures worth a Retry button: the same request may work in a moment. */
export function isTransient(error: unknown): boolean {
  const kind = failureKind(error);
  return kind === 'network' || kind === 'timeout' || kind === 'server-error' || kind === 'rate-limited' || kind === 'bad-response';
}
