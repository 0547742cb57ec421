// The session generation (src/auth/sessionGeneration.ts): what starts a new one, and that a JWT
// renewal (here or in another window) does not.
import * as assert from 'node:assert/strict';
import { startsNewGeneration } from '../../../src/auth/sessionGeneration';
import { transition, type SessionEvent, type SessionState } from '../../../src/auth/sessionState';
import type { StoredSession } from '../../../src/auth/storedSession';

const account = (uuid: string) => ({ id: uuid.length, uuid, username: uuid, title: uuid, email: `${uuid}@example.com`, twoFactorEnabled: false, home: true, homeAdmin: true });
const jwt: StoredSession = { token: 'a.b.c', account: account('alice'), signedInAt: 1, method: 'browser', jwt: { expiresAt: 1_800_000_000 } };
const renewed: StoredSession = { ...jwt, token: 'd.e.f', jwt: { expiresAt: 1_800_600_000 } };
const dana = { uuid: 'dana', token: 'dana-token', account: account('dana') };

function bumps(state: SessionState, event: SessionEvent): boolean {
  return startsNewGeneration(state, transition(state, event), event);
}

const signedIn: SessionState = { status: 'signedIn', session: jwt };

suite('Session generation', () => {
  test('a JWT renewal, here or from another window, is the same session', () => {
    assert.equal(bumps(signedIn, { type: 'tokenRenewed', token: jwt.token, session: renewed }), false);
    assert.equal(bumps(signedIn, { type: 'storedElsewhere', session: renewed }), false);
    assert.equal(bumps({ status: 'expired', session: jwt }, { type: 'tokenRenewed', token: jwt.token, session: renewed }), false);
    assert.equal(bumps({ status: 'signingIn', before: signedIn }, { type: 'tokenRenewed', token: jwt.token, session: renewed }), false);
  });

  test('accepted requests, refreshed details, network trouble and expiry keep it', () => {
    assert.equal(bumps(signedIn, { type: 'requestAccepted', token: jwt.token, session: { ...jwt, account: { ...jwt.account, title: 'Alice' } } }), false);
    assert.equal(bumps(signedIn, { type: 'networkTrouble', token: jwt.token }), false);
    assert.equal(bumps(signedIn, { type: 'requestRefused', token: jwt.token }), false);
    assert.equal(bumps(signedIn, { type: 'signInStarted' }), false);
  });

  test('a sign-in (even of the same account with the same token), a sign-out and another window signing in or out start a new one', () => {
    assert.equal(bumps(signedIn, { type: 'signInSucceeded', session: jwt }), true);
    assert.equal(bumps({ status: 'signedOut' }, { type: 'signInSucceeded', session: jwt }), true);
    assert.equal(bumps(signedIn, { type: 'signOutSucceeded' }), true);
    assert.equal(bumps(signedIn, { type: 'storedElsewhere', session: undefined }), true);
    assert.equal(bumps(signedIn, { type: 'storedElsewhere', session: { ...jwt, signedInAt: 2 } }), true);
    assert.equal(bumps(signedIn, { type: 'storedElsewhere', session: { ...jwt, account: account('bob') } }), true);
  });

  test('a Home switch, a switch back and a Home user falling back to the account start a new one', () => {
    const asDana: StoredSession = { ...jwt, homeUser: dana };
    assert.equal(bumps(signedIn, { type: 'requestAccepted', token: jwt.token, session: asDana }), true);
    assert.equal(bumps({ status: 'signedIn', session: asDana }, { type: 'requestAccepted', token: jwt.token, session: jwt }), true);
    assert.equal(bumps({ status: 'signedIn', session: asDana }, { type: 'requestRefused', token: dana.token }), true);
    assert.equal(bumps(signedIn, { type: 'storedElsewhere', session: asDana }), true);
  });
});
