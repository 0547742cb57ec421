// The browser sign-in's callback matching (src/auth/flows/signInCallbacks.ts): a callback wakes
// only the sign-in it names, with that sign-in's random value, once, while it runs.
import * as assert from 'node:assert/strict';
import { SIGN_IN_CALLBACK_PATH, SignInCallbacks, type AwaitedCallback } from '../../../src/auth/flows/signInCallbacks';
import { callbackPath } from '../../../src/commands/signInCallbackReceiver';

/** Whether `callback.arrived` has settled, without waiting for it. */
async function hasArrived(callback: AwaitedCallback): Promise<boolean> {
  let arrived = false;
  void callback.arrived.then(() => (arrived = true));
  await new Promise((resolve) => setImmediate(resolve));
  return arrived;
}

function stateOf(callback: AwaitedCallback): string {
  return new URLSearchParams(callback.query).get('state') ?? '';
}

suite('Sign-in callbacks', () => {
  test("the callback's own query matches its sign-in, once", async () => {
    const callbacks = new SignInCallbacks();
    const callback = callbacks.expect(373040866);
    assert.deepEqual(callbacks.receive(SIGN_IN_CALLBACK_PATH, callback.query), { kind: 'matched', pinId: 373040866 });
    assert.equal(await hasArrived(callback), true);
    assert.deepEqual(callbacks.receive(SIGN_IN_CALLBACK_PATH, callback.query), { kind: 'ignored', reason: 'ended' });
  });

  test('the query holds the PIN id and 32 random bytes, and nothing else', () => {
    const callbacks = new SignInCallbacks(() => Buffer.alloc(32, 7));
    const callback = callbacks.expect(12);
    const parameters = new URLSearchParams(callback.query);
    assert.deepEqual([...parameters.keys()], ['pin', 'state']);
    assert.equal(parameters.get('pin'), '12');
    assert.equal(Buffer.from(stateOf(callback), 'base64url').length, 32);
  });

  test('every sign-in gets its own random value', () => {
    const callbacks = new SignInCallbacks();
    const states = new Set(Array.from({ length: 20 }, (_, index) => stateOf(callbacks.expect(index))));
    assert.equal(states.size, 20);
  });

  test('a host that adds its own parameters (desktop adds windowId) still matches', () => {
    const callbacks = new SignInCallbacks();
    const callback = callbacks.expect(5);
    assert.equal(callbacks.receive(SIGN_IN_CALLBACK_PATH, `${callback.query}&windowId=3`).kind, 'matched');
  });

  test('a wrong random value is ignored and the sign-in still waits for its own', async () => {
    const callbacks = new SignInCallbacks();
    const callback = callbacks.expect(5);
    const wrong = Buffer.alloc(32, 1).toString('base64url');
    assert.deepEqual(callbacks.receive(SIGN_IN_CALLBACK_PATH, `pin=5&state=${wrong}`), { kind: 'ignored', reason: 'wrong-state' });
    assert.deepEqual(callbacks.receive(SIGN_IN_CALLBACK_PATH, `pin=5&state=${stateOf(callback).slice(0, 20)}`), { kind: 'ignored', reason: 'wrong-state' });
    assert.equal(await hasArrived(callback), false);
    assert.equal(callbacks.receive(SIGN_IN_CALLBACK_PATH, callback.query).kind, 'matched');
  });

  test("another sign-in's random value does not open this one", () => {
    const callbacks = new SignInCallbacks();
    callbacks.expect(5);
    const other = callbacks.expect(6);
    assert.deepEqual(callbacks.receive(SIGN_IN_CALLBACK_PATH, `pin=5&state=${stateOf(other)}`), { kind: 'ignored', reason: 'wrong-state' });
  });

  test('an unknown PIN id is ignored', () => {
    const callbacks = new SignInCallbacks();
    const callback = callbacks.expect(5);
    assert.deepEqual(callbacks.receive(SIGN_IN_CALLBACK_PATH, `pin=6&state=${stateOf(callback)}`), { kind: 'ignored', reason: 'unknown-pin' });
  });

  test('after the sign-in ended (cancelled, failed, or signed in by the poll), its callback is ignored', async () => {
    const callbacks = new SignInCallbacks();
    const callback = callbacks.expect(5);
    callback.end();
    callback.end();
    assert.deepEqual(callbacks.receive(SIGN_IN_CALLBACK_PATH, callback.query), { kind: 'ignored', reason: 'ended' });
    assert.equal(await hasArrived(callback), false);
  });

  test("an ended sign-in's end() does not end a newer sign-in with the same PIN id", () => {
    const callbacks = new SignInCallbacks();
    const old = callbacks.expect(5);
    const newer = callbacks.expect(5);
    old.end();
    assert.equal(callbacks.receive(SIGN_IN_CALLBACK_PATH, newer.query).kind, 'matched');
  });

  test('malformed callbacks and other paths are ignored', () => {
    const callbacks = new SignInCallbacks();
    const { query } = callbacks.expect(5);
    const state = new URLSearchParams(query).get('state') ?? '';
    const cases: [string, string, string][] = [
      ['/other', query, 'not-a-sign-in'],
      ['/signin', query, 'not-a-sign-in'],
      [SIGN_IN_CALLBACK_PATH, '', 'malformed'],
      [SIGN_IN_CALLBACK_PATH, 'pin=5', 'malformed'],
      [SIGN_IN_CALLBACK_PATH, `state=${state}`, 'malformed'],
      [SIGN_IN_CALLBACK_PATH, `pin=-5&state=${state}`, 'malformed'],
      [SIGN_IN_CALLBACK_PATH, `pin=5e0&state=${state}`, 'malformed'],
      [SIGN_IN_CALLBACK_PATH, `pin=constructor&state=${state}`, 'malformed'],
      [SIGN_IN_CALLBACK_PATH, `pin=9999999999999999&state=${state}`, 'malformed'],
      [SIGN_IN_CALLBACK_PATH, `${query}&pad=${'x'.repeat(600)}`, 'malformed'],
    ];
    for (const [path, sent, reason] of cases) {
      assert.deepEqual(callbacks.receive(path, sent), { kind: 'ignored', reason }, `${path}?${sent.slice(0, 60)}`);
    }
    assert.equal(callbacks.receive(SIGN_IN_CALLBACK_PATH, query).kind, 'matched', 'none of them ended the sign-in');
  });

  test('the log shows at most a short, plain path', () => {
    assert.equal(callbackPath('/signIn'), '/signIn');
    assert.equal(callbackPath('/a b?c=d'), '/a_b_c_d');
    assert.equal(callbackPath(`/${'x'.repeat(100)}`), `/${'x'.repeat(39)}…`);
  });
});
