// Which events start a new session generation. "Did the session change while this ran?" is
// answered by comparing generations, never tokens: a JWT renewal replaces the token of the same
// session (a comparison of tokens would take it for a sign-out), and a new sign-in of the same
// account may even bring back a token seen before. Plain TypeScript: the unit tests check it.
import { restingState, type SessionEvent, type SessionState } from './sessionState';

/**
 * Who the session is: signed out, or this sign-in (its account and time) acting as this Home user.
 * A renewal, a refresh of the account's details or another window's copy of the same session
 * keep it; a sign-in, a sign-out, another account and a Home switch change it.
 */
export function identityOf(state: SessionState): string {
  const resting = restingState(state);
  if (resting.status === 'signedOut') {
    return 'signedOut';
  }
  const { account, signedInAt, homeUser } = resting.session;
  return JSON.stringify([account.id, account.uuid, signedInAt, homeUser?.uuid ?? null]);
}

/** Whether `event`, which moved `before` to `after`, starts a new generation. */
export function startsNewGeneration(before: SessionState, after: SessionState, event: SessionEvent): boolean {
  return event.type === 'signInSucceeded' || identityOf(before) !== identityOf(after);
}
