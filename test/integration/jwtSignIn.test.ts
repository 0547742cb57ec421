import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandInJwtFlaw } from '../standin/jwt/types';
import { setSetting, signInAs, waitFor } from './helpers';
import { secretsIn } from '../harness/secretScanner';
import { allSecrets, jwtOff, madeSecrets, jwtSignInWithToken, jwtStart, signedInWithJwt, storedDevice, storedJwtSession } from './jwtHelpers';

const DAY_S = 24 * 60 * 60;

suite('JWT preview: sign-in', () => {
  suiteTeardown(jwtOff);

  test('browser: the PIN carries the device key, and the session holds the verified Plex JWT', async () => {
    const { api, ui, control } = await jwtStart();
    await control.setPinAutoApproval(1, 'alice');
    await vscode.commands.executeCommand('plex.signInWithBrowser');

    const stored = await signedInWithJwt(api, control);
    assert.equal(api.testing.accountUsername(), 'alice');
    assert.equal(stored.method, 'browser');
    const validFor = (stored.jwt?.expiresAt ?? 0) - Date.now() / 1000;
    assert.ok(validFor > 6.9 * DAY_S && validFor <= 7 * DAY_S + 60, `valid for 7 days, got ${validFor} s`);
    const device = await storedDevice(api);
    assert.ok(device, 'the device key is stored');
    const opened = new URLSearchParams(new URL(ui.openedUrls[0] ?? '').hash.replace(/^#\?/, ''));
    assert.equal(opened.get('clientID'), device.clientIdentifier, 'the approval page names the JWT device');
    const state = await control.jwt.state();
    assert.deepEqual(
      state.registeredKeys.filter((key) => key.clientIdentifier === device.clientIdentifier).map((key) => [key.username, key.revoked]),
      [['alice', false]],
      'approving the PIN registered the key for alice, once',
    );
    const routes = (await control.log()).map((entry) => entry.route);
    assert.deepEqual(routes.slice(0, 1), ['jwt.pins.create']);
    assert.ok(routes.includes('jwt.nonce') && routes.includes('user'), routes.join(','));
    // plex.tv's signing keys are public and kept: fetched once per window, not per sign-in.
    assert.ok(routes.filter((route) => route === 'jwt.keys').length <= 1, routes.join(','));
    const sessions = await api.testing.authenticationSessions();
    assert.equal(sessions[0]?.accessToken, stored.token, 'other extensions get the Plex JWT');
    const token = api.testing.accountFields().find((field) => field.label === 'Token');
    assert.match(token?.value ?? '', /^Plex JWT, renews automatically, valid until .+/);
    assert.equal(api.testing.accountFields().find((field) => field.label === 'Token expires'), undefined);
  });

  test('the Account view says when the token is a classic one', async () => {
    const { api, ui, control } = await jwtStart();
    await setSetting('jwt.enabled', false);
    await signInAs('alice', ui, control);
    assert.equal(api.testing.accountFields().find((field) => field.label === 'Token')?.value, 'classic token');
  });

  test('secret audit of the browser sign-in: the device JWTs polled with, the Plex JWT and the key stay out of messages and the log', async () => {
    const { api, ui, control } = await jwtStart();
    await control.setPinAutoApproval(2, 'alice');
    await vscode.commands.executeCommand('plex.signInWithBrowser');
    await signedInWithJwt(api, control);
    const deviceJwts = await control.jwt.deviceJwts();
    assert.ok(deviceJwts.length >= 1, 'the PIN was polled with a device JWT');
    await waitFor('the PIN polls in the log file', async () => /GET \S*\/clients\/api\/v2\/pins\/\d+/.test(await api.testing.logText()));
    const log = await api.testing.logText();
    const secrets = await allSecrets(api, control);
    assert.ok((await madeSecrets(api, control)).length >= 3, 'the audit has something to look for');
    assert.deepEqual(secretsIn(secrets, { log, messages: JSON.stringify(ui.messages) }), [], 'no secret in the log or a message');
    assert.doesNotMatch(log, /deviceJWT=/, 'the one credential in a URL is not logged');
  });

  test('token: the pasted token registers the key for a device of its own, and keeps working', async () => {
    const { api, ui, control } = await jwtStart();
    await control.jwt.setRevokesClassicTokens(true);
    const classic = await jwtSignInWithToken('alice', ui, control);

    const stored = await signedInWithJwt(api, control);
    assert.notEqual(stored.token, classic);
    const device = await storedDevice(api);
    const log = await control.log();
    const register = log.find((entry) => entry.route === 'jwt.register');
    assert.equal(register?.headers['x-plex-client-identifier'], device?.clientIdentifier);
    const accountRead = log.find((entry) => entry.route === 'user');
    assert.notEqual(accountRead?.headers['x-plex-client-identifier'], device?.clientIdentifier, 'the installation has an identifier of its own');
    // The pasted token still works: the JWT was issued for another client identifier.
    const plexTvUrl = (await control.state()).plexTvUrl;
    const answer = await fetch(`${plexTvUrl}/api/v2/user`, {
      headers: { 'X-Plex-Token': classic, 'X-Plex-Client-Identifier': 'jwt-test', Accept: 'application/json' },
    });
    assert.equal(answer.status, 200);
  });

  test('email and password: the classic token only registers the key; the session works on with the JWT', async () => {
    const { api, ui, control } = await jwtStart();
    await control.jwt.setRevokesClassicTokens(true);
    ui.logins.push('carol@example.com');
    ui.passwords.push('carol-password');
    await vscode.commands.executeCommand('plex.signInWithPassword');

    await signedInWithJwt(api, control);
    const device = await storedDevice(api);
    const signIn = (await control.log()).find((entry) => entry.route === 'signin');
    assert.equal(signIn?.headers['x-plex-client-identifier'], device?.clientIdentifier, 'signed in as the JWT device');
    await vscode.commands.executeCommand('plex.refresh');
    assert.equal(api.status, 'signedIn', 'plex.tv accepts the Plex JWT after the classic token it replaced ended');
    assert.deepEqual(ui.errors(), []);
  });

  for (const [flaw, check] of [
    ['unknown-key', 'unknown-signing-key'],
    ['wrong-thumbprint', 'wrong-thumbprint'],
    ['wrong-audience', 'wrong-audience'],
    ['wrong-issuer', 'wrong-issuer'],
  ] as const satisfies readonly (readonly [StandInJwtFlaw, string])[]) {
    test(`a Plex JWT with ${flaw} is never stored, and the user is told why`, async () => {
      const { api, ui, control } = await jwtStart();
      await control.jwt.addFlaw(flaw);
      await jwtSignInWithToken('alice', ui, control);

      assert.equal(api.status, 'signedOut');
      assert.equal(await api.testing.readStoredSession(), undefined);
      assert.equal(await api.testing.readStoredDeviceKey(), undefined, 'no key is kept for a sign-in that failed');
      assert.deepEqual(ui.errors(), [
        `The Plex JWT from plex.tv did not pass its checks (${check}), so it was not stored or used. Try again, or turn off the setting "plex.jwt.enabled" to use a classic token.`,
      ]);
    });
  }

  test('plex.tv refusing the device key (422 thumbprint taken): nothing stored, and the next sign-in makes a new key', async () => {
    const { api, ui, control } = await jwtStart();
    await control.setPinAutoApproval(1, 'alice');
    await vscode.commands.executeCommand('plex.signInWithBrowser');
    const first = await storedDevice(api);
    await vscode.commands.executeCommand('plex.signOut');
    await waitFor('signed out', () => api.status === 'signedOut');
    assert.equal(await api.testing.readStoredDeviceKey(), undefined, 'sign-out forgets the device key');
    assert.ok(ui.messages.some((shown) => shown.message === 'Signed out of Plex.'), 'plex.tv revoked the Plex JWT');
    assert.ok((await control.log()).some((entry) => entry.route === 'signout' && entry.status === 204));

    await control.addFault({ route: 'jwt.register', fault: { kind: 'status', status: 422, message: 'Thumbprint already taken' }, times: 1 });
    await jwtSignInWithToken('alice', ui, control);
    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined, 'no session stored');
    assert.equal(await api.testing.readStoredDeviceKey(), undefined, 'no key stored');
    assert.deepEqual(ui.errors(), ["plex.tv no longer accepts this device's key. Sign in again to make a new one."]);

    await jwtSignInWithToken('alice', ui, control);
    await signedInWithJwt(api, control);
    const second = await storedDevice(api);
    assert.ok(first && second);
    assert.notEqual(second.key, first.key, 'a new sign-in after sign-out makes a new key');
    assert.notEqual(second.clientIdentifier, first.clientIdentifier);
  });

  test('changing the setting offers to sign in again, and the new sign-in follows it', async () => {
    const { api, ui, control } = await jwtStart();
    await setSetting('jwt.enabled', false);
    await signInAs('alice', ui, control);
    assert.equal((await storedJwtSession(api))?.jwt, undefined, 'a classic token while the preview is off');

    const classic = await control.issueToken('alice');
    ui.messageAnswers.push('Sign In Again');
    ui.signInMethod = 'token';
    ui.tokens.push(classic);
    await setSetting('jwt.enabled', true);
    await waitFor('the new sign-in', async () => (await storedJwtSession(api))?.jwt !== undefined);
    const offer = ui.messages.find((shown) => shown.message.startsWith('The Plex JWT preview is on.'));
    assert.deepEqual(offer?.actions, ['Sign In Again']);
    await signedInWithJwt(api, control);

    // Off again, declined: the JWT session stays until the next sign-in, which is classic and forgets the key.
    await setSetting('jwt.enabled', false);
    await waitFor('the offer', () => ui.messages.some((shown) => shown.message.startsWith('The Plex JWT preview is off.')));
    assert.ok((await storedJwtSession(api))?.jwt);
    await signInAs('alice', ui, control);
    await waitFor('the device key forgotten', async () => (await api.testing.readStoredDeviceKey()) === undefined);
    assert.equal((await storedJwtSession(api))?.jwt, undefined);
  });

  test('signed out, changing the setting asks nothing', async () => {
    const { ui } = await jwtStart();
    await setSetting('jwt.enabled', false);
    await setSetting('jwt.enabled', true);
    // The offer would come from the configuration event; an action that runs after it shows it has passed.
    await vscode.commands.executeCommand('plex.refresh');
    assert.deepEqual(ui.questions, []);
    assert.deepEqual(
      ui.messages.map((shown) => shown.message),
      ['Sign in to Plex first.'],
    );
  });
});
