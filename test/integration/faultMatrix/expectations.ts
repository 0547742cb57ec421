// What each case must end in: the failure kind the extension's log names, the message the user
// sees word for word (with its buttons), and the session's status. The wording is written out
// here, not taken from src/, so a change of wording shows up as a failing case.
import type { AuthStatus } from '../../../src/auth/sessionView';
import type { FailureKind } from '../../../src/plex/failure';
import type { MatrixAction } from './actions';
import type { ShownMessageRecord } from './caseResult';
import type { MatrixFault } from './faults';

export type Outcome =
  | { expected: 'not-applicable'; reason: string }
  | { expected: 'unaffected'; reason: string }
  | { expected: 'message'; failure: FailureKind; message: ShownMessageRecord; status: AuthStatus }
  | { expected: 'quiet'; failure: FailureKind; status: AuthStatus };

export const SERVER_NAME = "Alice's Cloud";

/** The message the error reporter (src/ui/errorReporter.ts) never shows unless something unforeseen was thrown. */
export const UNEXPECTED_MESSAGE = /^Something went wrong talking to /;

const SHOW_LOG = 'Show Log';
const RETRY = 'Retry';
const SIGN_IN_AGAIN = 'Sign In Again';

/** Stands for the refused address's host:port in an expected message (a free port, known only when arranged). */
export const REFUSED_ADDRESS = '<refused address>';

/** Failures the error reporter offers Retry for (src/ui/errorMessages.ts: isTransient). */
const TRANSIENT: ReadonlySet<FailureKind> = new Set<FailureKind>(['network', 'timeout', 'server-error', 'rate-limited', 'bad-response']);

export function expectedOutcome(action: MatrixAction, fault: MatrixFault): Outcome {
  const notApplicable = fault.notApplicable?.(action);
  if (notApplicable !== undefined) {
    return { expected: 'not-applicable', reason: notApplicable };
  }
  if (action.makesNoRequest !== undefined) {
    return { expected: 'unaffected', reason: action.makesNoRequest };
  }
  const unaffected = fault.unaffected?.[action.id];
  if (unaffected !== undefined) {
    return { expected: 'unaffected', reason: unaffected };
  }
  const failure = fault.failure?.(action);
  if (failure === undefined) {
    throw new Error(`${fault.title} names no failure for ${action.title}`);
  }
  const status = statusAfter(action, failure);
  // A background action says nothing, unless it announces that the session expired.
  if (action.background !== undefined && !(action.background.announcesExpiry && status === 'expired')) {
    return { expected: 'quiet', failure, status };
  }
  const where = action.onServer ? (fault.make.kind === 'refused' ? REFUSED_ADDRESS : SERVER_NAME) : 'Plex';
  return { expected: 'message', failure, status, message: action.ownMessage?.(failure, where) ?? reported(failure, where, fault) };
}

/**
 * A refused token or device expires a session on plex.tv; a server refusing a token does not, nor
 * does plex.tv refusing the token of an account being added beside the active one.
 */
function statusAfter(action: MatrixAction, failure: FailureKind): AuthStatus {
  if (!action.signedIn || action.clearsCredentials) {
    return 'signedOut';
  }
  if (action.keepsActiveAccount) {
    return 'signedIn';
  }
  return (failure === 'token-invalid' || failure === 'jwt-rejected') && !action.onServer ? 'expired' : 'signedIn';
}

/** What the error reporter shows for `failure` (src/ui/errorMessages.ts: describeFailure). */
function reported(failure: FailureKind, where: string, fault: MatrixFault): ShownMessageRecord {
  const buttons = failure === 'token-invalid' ? [SIGN_IN_AGAIN, SHOW_LOG] : TRANSIENT.has(failure) ? [RETRY, SHOW_LOG] : [SHOW_LOG];
  return { severity: 'error', message: describe(failure, where, fault), actions: buttons };
}

function describe(failure: FailureKind, where: string, fault: MatrixFault): string {
  switch (failure) {
    case 'network':
      return `${where} could not be reached. Check your connection.`;
    case 'timeout':
      return `${where} did not answer in time. Check your connection, or raise "plex.requestTimeoutSeconds".`;
    case 'rate-limited':
      return fault.retryAfterSeconds === undefined
        ? `${where} is receiving too many requests. Try again in a minute.`
        : `${where} is receiving too many requests. Try again in ${fault.retryAfterSeconds} seconds.`;
    case 'server-error':
      return `${where} answered with an error (HTTP ${fault.answers ?? '?'}). Try again later.`;
    case 'bad-response':
      return `${where} sent an answer that could not be read. The log has the details.`;
    case 'token-invalid':
      return 'Your Plex session has expired or was revoked. Sign in again to continue.';
    case 'invalid-credentials':
      return 'Plex did not accept that email or password.';
    case 'pin-expired':
      return 'The sign-in request expired before it was approved. Start the sign-in again.';
    case 'jwt-rejected':
      return "plex.tv no longer accepts this device's key. Sign in again to make a new one.";
    default:
      throw new Error(`the fault matrix has no wording for a ${failure} failure`);
  }
}

/** The messages actions word themselves, and the buttons they offer. */
export const OWN_MESSAGES = {
  newSignInRefused: (): ShownMessageRecord => ({
    severity: 'error',
    message: 'Plex did not accept the new sign-in. Try again, or sign in another way.',
    actions: [SIGN_IN_AGAIN, SHOW_LOG],
  }),
  pastedTokenRefused: (): ShownMessageRecord => ({
    severity: 'error',
    message: 'Plex did not accept that token. Check that you copied all of it, or sign in another way.',
    actions: [],
  }),
  serverRefusedToken: (where: string): ShownMessageRecord => ({
    severity: 'error',
    message: `${where} did not accept your Plex token. Refresh the server list, or check that your account may use this server.`,
    actions: ['Refresh Servers'],
  }),
  jwtRenewalRefused: (): ShownMessageRecord => ({
    severity: 'error',
    message: 'Your Plex JWT could not be renewed: plex.tv says the sign-in has expired or was revoked. Sign in again to continue.',
    actions: [SIGN_IN_AGAIN],
  }),
  deviceKeyRefused: (): ShownMessageRecord => ({
    severity: 'error',
    message: "plex.tv no longer accepts this device's key. Sign in again to make a new one.",
    actions: [SIGN_IN_AGAIN],
  }),
  revocationUnconfirmed: (): ShownMessageRecord => ({
    severity: 'warn',
    message:
      'Signed out on this computer, but plex.tv did not confirm that it revoked the token. You can revoke it under Authorized Devices on plex.tv.',
    actions: [],
  }),
};
