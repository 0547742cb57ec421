import * as vscode from 'vscode';
import { PLEX_ERROR_KINDS, type PlexErrorKind } from '../plex/types';

/** What the extension knows about a failed call, read across bundles (dist/plex.js has its own classes). */
export interface PlexFailure {
  kind: PlexErrorKind;
  status?: number;
  plexCode?: number;
  retryAfterSeconds?: number;
}

const KINDS: ReadonlySet<string> = new Set<string>(PLEX_ERROR_KINDS);

export function asPlexFailure(error: unknown): PlexFailure | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const { kind, status, plexCode, retryAfterSeconds } = error as Record<string, unknown>;
  if (typeof kind !== 'string' || !KINDS.has(kind)) {
    return undefined;
  }
  return {
    kind: kind as PlexErrorKind,
    status: typeof status === 'number' ? status : undefined,
    plexCode: typeof plexCode === 'number' ? plexCode : undefined,
    retryAfterSeconds: typeof retryAfterSeconds === 'number' ? retryAfterSeconds : undefined,
  };
}

export function isCancellation(error: unknown): boolean {
  return asPlexFailure(error)?.kind === 'cancelled';
}

/**
 * One sentence the user can act on. `where` names what was being reached ("Plex", or a server
 * name); messages never include a response body or anything that could hold a token.
 */
export function describeFailure(error: unknown, where: string): string {
  const failure = asPlexFailure(error);
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
    default:
      // Errors of the extension's own that say what to do (checked by name: they may come from the
      // other bundle): a setting to fix, a keychain to unlock.
      if (error instanceof Error && (error.name === 'SettingError' || error.name === 'SecretStorageError')) {
        return error.message;
      }
      return vscode.l10n.t('Something went wrong talking to {0}. The log has the details.', where);
  }
}

/** Failures worth a Retry button: the same request may work in a moment. */
export function isTransient(error: unknown): boolean {
  const kind = asPlexFailure(error)?.kind;
  return kind === 'network' || kind === 'timeout' || kind === 'server-error' || kind === 'rate-limited' || kind === 'bad-response';
}
