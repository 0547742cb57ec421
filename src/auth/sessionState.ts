// The session as one state machine: every state it can be in, every event that moves it, and the
// one function that applies an event. Plain TypeScript (no vscode at run time), so the rules are
// the same for the extension, the unit tests and the model-based test.
import type { StoredSession } from './storedSession';

/** A state the views show between actions. */
export type RestingState =
  | { readonly status: 'signedOut' }
  | { readonly status: 'signedIn'; readonly session: StoredSession }
  /** Plex refused the stored token; it stays stored until the user signs in again or out. */
  | { readonly status: 'expired'; readonly session: StoredSession };

export type SessionState =
  | RestingState
  /** A sign-in runs; the views keep showing `before` until it ends. */
  | { readonly status: 'signingIn'; readonly before: RestingState };

export type SessionStatus = SessionState['status'];

export type SessionEvent =
  | { readonly type: 'signInStarted' }
  /** Any sign-in method finished, with a new token or the one already stored. */
  | { readonly type: 'signInSucceeded'; readonly session: StoredSession }
  /** Cancelled or failed: back to what was shown before. */
  | { readonly type: 'signInEnded' }
  /** The new session could not be written: show `restore` again, unless something newer replaced it. */
  | { readonly type: 'saveFailed'; readonly session: StoredSession; readonly restore: RestingState }
  /** An authenticated request with `token` was answered; `session` carries what it read, if anything. */
  | { readonly type: 'requestAccepted'; readonly token: string; readonly session?: StoredSession }
  /** An authenticated request with `token` got a 401: the account's token expires the session; a Home user's falls back to the account. */
  | { readonly type: 'requestRefused'; readonly token: string }
  /** plex.tv issued a new Plex JWT in place of `token` (renewal): valid again, with the new token. */
  | { readonly type: 'tokenRenewed'; readonly token: string; readonly session: StoredSession }
  /** No usable answer (network, timeout, 429, 5xx): never a reason to change anything. */
  | { readonly type: 'networkTrouble'; readonly token: string }
  | { readonly type: 'signOutSucceeded' }
  /** The secret could not be removed: the session is still there. */
  | { readonly type: 'signOutFailed' }
  /** Another account (signed in beside this one) became the active one: a switch, or a sign-out of the active one. */
  | { readonly type: 'accountSwitched'; readonly session: StoredSession; readonly expired: boolean }
  /** Another window wrote (or deleted, with undefined) the stored session. */
  | { readonly type: 'storedElsewhere'; readonly session: StoredSession | undefined }
  | { readonly type: 'deactivated' };

export const SIGNED_OUT: RestingState = { status: 'signedOut' };

/** What the views show: the state before a running sign-in, or the state itself. */
export function restingState(state: SessionState): RestingState {
  return state.status === 'signingIn' ? state.before : state;
}

export function currentSession(state: SessionState): StoredSession | undefined {
  const resting = restingState(state);
  return resting.status === 'signedOut' ? undefined : resting.session;
}

/** Applies one event; returns the same object when nothing changes. */
export function transition(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'signInStarted':
      return state.status === 'signingIn' ? state : { status: 'signingIn', before: state };
    case 'signInSucceeded':
      return { status: 'signedIn', session: event.session };
    case 'signInEnded':
    case 'deactivated': // ends a running sign-in; nothing moves the session after it
      return restingState(state);
    case 'saveFailed':
      // A sign-in running meanwhile (a switch of accounts while it waits) keeps running, over what is restored.
      return mapResting(state, (resting) => (resting.status !== 'signedOut' && resting.session === event.session ? event.restore : resting));
    case 'requestAccepted':
      return mapResting(state, (resting) => {
        if (resting.status === 'signedOut') {
          return resting;
        }
        if (resting.session.homeUser?.token === event.token) {
          // Says nothing of the account's own token: only what is read changes.
          return event.session?.homeUser?.token === event.token ? { ...resting, session: event.session } : resting;
        }
        if (resting.session.token !== event.token) {
          return resting; // a result of a session that ended meanwhile changes nothing
        }
        const session = event.session?.token === event.token ? event.session : resting.session;
        return resting.status === 'signedIn' && resting.session === session ? resting : { status: 'signedIn', session };
      });
    case 'requestRefused':
      return mapResting(state, (resting) => {
        if (resting.status === 'signedOut') {
          return resting;
        }
        if (resting.session.homeUser?.token === event.token) {
          const { homeUser: _refused, ...account } = resting.session; // dropped: the account acts again
          return { ...resting, session: account };
        }
        return resting.status === 'signedIn' && resting.session.token === event.token ? { status: 'expired', session: resting.session } : resting;
      });
    case 'tokenRenewed':
      return mapResting(state, (resting) =>
        // A renewal of a session that ended or was replaced meanwhile changes nothing.
        resting.status !== 'signedOut' && resting.session.token === event.token ? { status: 'signedIn', session: event.session } : resting,
      );
    case 'networkTrouble':
    case 'signOutFailed':
      return state;
    case 'signOutSucceeded':
      return mapResting(state, () => SIGNED_OUT);
    case 'accountSwitched':
      return mapResting(state, () => ({ status: event.expired ? 'expired' : 'signedIn', session: event.session }));
    case 'storedElsewhere':
      // A window writes the session only after Plex accepted its token (a sign-in or a refresh).
      return mapResting(state, () => (event.session ? { status: 'signedIn', session: event.session } : SIGNED_OUT));
  }
}

function mapResting(state: SessionState, change: (resting: RestingState) => RestingState): SessionState {
  if (state.status !== 'signingIn') {
    return change(state);
  }
  const before = change(state.before);
  return before === state.before ? state : { status: 'signingIn', before };
}

/** The context keys the `when` clauses in package.json read. */
export interface SessionContextKeys {
  readonly 'plex.signedIn': boolean;
  readonly 'plex.sessionExpired': boolean;
  readonly 'plex.signingIn': boolean;
  /** The account shares a Plex Home: the Plex Home view and Switch Home User show. */
  readonly 'plex.inHome': boolean;
}

export function contextKeysOf(state: SessionState): SessionContextKeys {
  const resting = restingState(state);
  return {
    'plex.signedIn': resting.status === 'signedIn',
    'plex.sessionExpired': resting.status === 'expired',
    'plex.signingIn': state.status === 'signingIn',
    'plex.inHome': resting.status === 'signedIn' && resting.session.account.home,
  };
}
