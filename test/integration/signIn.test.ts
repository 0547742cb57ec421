import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { freshStart, signInAs, storedSession, waitFor } from './helpers';

suite('Sign-in', () => {
  test('with a token: checked with plex.tv, then stored as one JSON secret', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);

    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.accountUsername(), 'alice');
    const stored = await storedSession(api);
    assert.equal(stored?.token, token);
    assert.equal(stored?.account.username, 'alice');
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['user']);
    assert.ok(ui.messages.some((shown) => shown.message.includes('Signed in to Plex as alice')));
    assert.deepEqual(await control.violations(), []);
  });

  test('with a token Plex refuses: says so and stores nothing', async () => {
    const { api, ui } = await freshStart();
    ui.tokens.push('not-a-real-token');
    await vscode.commands.executeCommand('plex.signInWithToken');

    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.deepEqual(ui.errors(), ['Plex did not accept that token. Check that you copied all of it, or sign in another way.']);
  });

  test('with email and password', async () => {
    const { api, ui } = await freshStart();
    ui.logins.push('carol@example.com');
    ui.passwords.push('carol-password');
    await vscode.commands.executeCommand('plex.signInWithPassword');

    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.accountUsername(), 'carol');
  });

  test('with a wrong password: a clear message, nothing stored', async () => {
    const { api, ui } = await freshStart();
    ui.logins.push('carol@example.com');
    ui.passwords.push('wrong');
    await vscode.commands.executeCommand('plex.signInWithPassword');

    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.deepEqual(ui.errors(), ['Plex did not accept that email or password.']);
  });

  test('with two-factor authentication: a wrong code asks again, the right one signs in', async () => {
    const { api, ui, control } = await freshStart();
    ui.logins.push('bob');
    ui.passwords.push('bob-password');
    ui.codes.push('000000', '123456');
    await vscode.commands.executeCommand('plex.signInWithPassword');

    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.accountUsername(), 'bob');
    assert.deepEqual(ui.wrongCodeFlags, [false, true]);
    const signIns = (await control.log()).filter((entry) => entry.route === 'signin');
    assert.equal(signIns.length, 3, 'one try without a code, one with the wrong code, one with the right one');
  });

  test('with two-factor authentication: three wrong codes end the attempt', async () => {
    const { api, ui } = await freshStart();
    ui.logins.push('bob');
    ui.passwords.push('bob-password');
    ui.codes.push('000000', '111111', '222222');
    await vscode.commands.executeCommand('plex.signInWithPassword');

    assert.equal(api.status, 'signedOut');
    assert.deepEqual(ui.errors(), ['The two-factor code was not accepted 3 times. Start the sign-in again.']);
  });

  test('too many attempts and rate limits say what happened', async () => {
    const { api, ui, control } = await freshStart();
    await control.addFault({ route: 'signin', fault: { kind: 'too-many-attempts' }, times: 1 });
    ui.logins.push('carol');
    ui.passwords.push('carol-password');
    await vscode.commands.executeCommand('plex.signInWithPassword');
    await control.addFault({ route: 'signin', fault: { kind: 'rate-limit', retryAfterSeconds: 30 }, times: 1 });
    ui.logins.push('carol');
    ui.passwords.push('carol-password');
    await vscode.commands.executeCommand('plex.signInWithPassword');

    assert.equal(api.status, 'signedOut');
    assert.deepEqual(ui.errors(), [
      'Too many failed sign-in attempts. Wait a few minutes, then try again.',
      'Plex is receiving too many requests. Try again in 30 seconds.',
    ]);
  });

  test('offline: Plex could not be reached, with Retry and Show Log', async () => {
    const { api, ui, control } = await freshStart();
    await control.addFault({ route: 'signin', fault: { kind: 'reset' }, times: 1 });
    ui.logins.push('carol');
    ui.passwords.push('carol-password');
    await vscode.commands.executeCommand('plex.signInWithPassword');

    assert.equal(api.status, 'signedOut');
    const shown = ui.messages.find((message) => message.severity === 'error');
    assert.equal(shown?.message, 'Plex could not be reached. Check your connection.');
    assert.deepEqual(shown?.actions, ['Retry', 'Show Log']);
  });

  test('with the browser: opens the approval page and signs in once the PIN is approved', async () => {
    const { api, ui, control } = await freshStart();
    await control.setPinAutoApproval(1, 'alice');
    await vscode.commands.executeCommand('plex.signInWithBrowser');

    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.accountUsername(), 'alice');
    assert.equal(ui.openedUrls.length, 1);
    const opened = new URL(ui.openedUrls[0]);
    const state = await control.state();
    assert.equal(`${opened.origin}${opened.pathname}`, state.authUrl);
    assert.match(opened.hash, /^#\?clientID=[^&]+&code=[^&]+&context%5Bdevice%5D%5Bproduct%5D=/);
    const routes = (await control.log()).map((entry) => entry.route);
    assert.deepEqual(routes, ['pins.create', 'pins.check', 'user']);
  });

  test('with the browser: an expired PIN says so and stores nothing', async () => {
    const { api, ui, control } = await freshStart();
    await control.addFault({ route: 'pins.check', fault: { kind: 'pin-expired' } });
    await vscode.commands.executeCommand('plex.signInWithBrowser');

    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.deepEqual(ui.errors(), ['The sign-in request expired before it was approved. Start the sign-in again.']);
  });

  test('with the browser: plex.tv refusing the approved token is a failed sign-in, not an expired session', async () => {
    const { api, ui, control } = await freshStart();
    await control.setPinAutoApproval(1, 'alice');
    await control.addFault({ route: 'user', fault: { kind: 'token-revoked' }, times: 1 });
    await vscode.commands.executeCommand('plex.signInWithBrowser');

    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.deepEqual(ui.errors(), ['Plex did not accept the new sign-in. Try again, or sign in another way.']);
  });

  test('a second sign-in while one runs joins it instead of starting another', async () => {
    const { api, ui, control } = await freshStart();
    await control.setPinAutoApproval(2, 'alice');
    const first = vscode.commands.executeCommand('plex.signInWithBrowser');
    await waitFor('the sign-in to start', () => api.signingIn);
    const second = vscode.commands.executeCommand('plex.signInWithBrowser');
    await Promise.all([first, second]);

    assert.equal(api.status, 'signedIn');
    assert.equal((await control.log()).filter((entry) => entry.route === 'pins.create').length, 1);
    assert.ok(ui.messages.some((shown) => shown.message === 'A Plex sign-in is already in progress.'));
  });

  test('plex.signIn asks which way; backing out changes nothing', async () => {
    const { api, ui, control } = await freshStart();
    ui.signInMethod = undefined;
    await vscode.commands.executeCommand('plex.signIn');
    assert.deepEqual(ui.questions, ['method']);
    assert.equal(api.status, 'signedOut');
    assert.deepEqual(await control.log(), []);
  });
});
