// The stored session's shapes (src/auth/storedSession.ts) and the one state change a JWT renewal
// makes (src/auth/sessionState.ts): plain TypeScript, no extension host needed.
import * as assert from 'node:assert/strict';
import { transition, type SessionState } from '../../src/auth/sessionState';
import { parseStoredAccounts, parseStoredSession, serializeAccounts, type StoredSession } from '../../src/auth/storedSession';

const account = { id: 1, uuid: 'uuid-alice', username: 'alice', title: 'alice', email: 'alice@example.com', twoFactorEnabled: false, home: false, homeAdmin: false };
const classic: StoredSession = { token: 'classic-token', account, signedInAt: 1, method: 'token' };
const jwt: StoredSession = { ...classic, token: 'a.b.c', method: 'browser', jwt: { expiresAt: 1_800_000_000 } };

suite('Stored session', () => {
  test('the shape before the JWT preview still reads, and a JWT session keeps its expiry', () => {
    assert.deepEqual(parseStoredSession(JSON.stringify(classic)), classic);
    assert.deepEqual(parseStoredSession(JSON.stringify(jwt)), jwt);
  });

  test('one account is stored exactly in the single-session shape; others go under otherAccounts and read back', () => {
    const carol: StoredSession = { ...classic, token: 'carol-token', account: { ...account, id: 3, uuid: 'uuid-carol', username: 'carol' } };
    assert.equal(serializeAccounts({ active: classic, others: [] }), JSON.stringify(classic));
    assert.deepEqual(parseStoredAccounts(JSON.stringify(classic)), { active: classic, others: [] });
    const both = serializeAccounts({ active: jwt, others: [carol] });
    assert.deepEqual(parseStoredAccounts(both), { active: jwt, others: [carol] });
    assert.deepEqual(parseStoredSession(both), jwt, 'a reader of one session gets the active account');
  });

  test('unusable or repeated other accounts are dropped; the active account still reads', () => {
    const carol: StoredSession = { ...classic, token: 'carol-token', account: { ...account, id: 3, uuid: 'uuid-carol', username: 'carol' } };
    const stored = JSON.stringify({ ...classic, otherAccounts: [{ token: '' }, 'x', null, classic, carol, carol, { ...carol, otherAccounts: [classic] }] });
    assert.deepEqual(parseStoredAccounts(stored), { active: classic, others: [carol] });
    assert.deepEqual(parseStoredAccounts(JSON.stringify({ ...classic, otherAccounts: 'not a list' })), { active: classic, others: [] });
    assert.equal(parseStoredAccounts(JSON.stringify({ otherAccounts: [carol] })), undefined, 'no active account: not understood');
  });

  test('a JWT record without a numeric expiry is not understood', () => {
    for (const broken of [{ expiresAt: '1800000000' }, null, 'soon', {}]) {
      assert.equal(parseStoredSession(JSON.stringify({ ...jwt, jwt: broken })), undefined, JSON.stringify(broken));
    }
  });

  test('tokenRenewed: the current token is replaced (expired becomes signed in); a stale one changes nothing', () => {
    const renewed: StoredSession = { ...jwt, token: 'd.e.f', jwt: { expiresAt: 1_800_600_000 } };
    const signedIn: SessionState = { status: 'signedIn', session: jwt };
    const expired: SessionState = { status: 'expired', session: jwt };
    assert.deepEqual(transition(signedIn, { type: 'tokenRenewed', token: jwt.token, session: renewed }), { status: 'signedIn', session: renewed });
    assert.deepEqual(transition(expired, { type: 'tokenRenewed', token: jwt.token, session: renewed }), { status: 'signedIn', session: renewed });
    assert.equal(transition(signedIn, { type: 'tokenRenewed', token: 'old.jwt.token', session: renewed }), signedIn);
    const signedOut: SessionState = { status: 'signedOut' };
    assert.equal(transition(signedOut, { type: 'tokenRenewed', token: jwt.token, session: renewed }), signedOut);
    const signingIn: SessionState = { status: 'signingIn', before: signedIn };
    assert.deepEqual(transition(signingIn, { type: 'tokenRenewed', token: jwt.token, session: renewed }), {
      status: 'signingIn',
      before: { status: 'signedIn', session: renewed },
    });
  });
});
