import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, freshStart, signInAs, storedSession, waitFor } from './helpers';

suite('Session lifecycle', () => {
  test("the extension's exports show whether someone is signed in, never who (that takes the user's consent)", async () => {
    const { ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    const exports: unknown = vscode.extensions.getExtension(EXTENSION_ID)?.exports;
    assert.ok(typeof exports === 'object' && exports !== null);
    const shown: Record<string, unknown> = {};
    for (const key of Object.keys(exports)) {
      shown[key] = Object.getOwnPropertyDescriptor(exports, key)?.get?.call(exports) ?? (exports as Record<string, unknown>)[key];
    }
    assert.equal(shown.status, 'signedIn');
    assert.ok(!('username' in exports), 'no username');
    assert.ok(!/alice/i.test(JSON.stringify(shown)), `the exports name the account: ${JSON.stringify(shown)}`);
  });

  test('sign out: confirms, revokes the token at plex.tv, deletes the secret', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    await control.clearLog();
    await vscode.commands.executeCommand('plex.signOut');

    assert.ok(ui.questions.includes('confirmSignOut'));
    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['signout']);
    assert.ok(ui.messages.some((shown) => shown.message === 'Signed out of Plex.'));
  });

  test('sign out declined: nothing changes', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);
    const storedBefore = await api.testing.readStoredSession();
    await vscode.env.clipboard.writeText('before');
    await control.clearLog();
    ui.messages.length = 0;
    ui.questions.length = 0;
    ui.confirmSignOutAnswer = false;
    await vscode.commands.executeCommand('plex.signOut');

    assert.deepEqual(ui.questions, ['confirmSignOut']);
    assert.equal(api.status, 'signedIn');
    assert.equal(await api.testing.readStoredSession(), storedBefore, 'the stored secret is untouched');
    assert.deepEqual(
      (await api.testing.authenticationSessions()).map((session) => [session.account.label, session.accessToken === token]),
      [['alice', true]],
      'other extensions still get the session',
    );
    assert.deepEqual(await control.log(), [], 'no request: the token is not revoked');
    assert.deepEqual(ui.messages, [], 'nothing said');
    assert.equal(await vscode.env.clipboard.readText(), 'before');
  });

  test('sign out while plex.tv is unreachable still signs out here, and says so', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    await control.addFault({ route: 'signout', fault: { kind: 'reset' } });
    await vscode.commands.executeCommand('plex.signOut');

    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.ok(ui.messages.some((shown) => shown.severity === 'warn' && shown.message.startsWith('Signed out on this computer')));
  });

  test('a revoked token: session expired, credentials kept until the user acts', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);
    await control.revokeToken(token);
    await vscode.commands.executeCommand('plex.refresh');

    assert.equal(api.status, 'expired');
    assert.equal((await storedSession(api))?.token, token, 'the stored credentials are unchanged');
    const shown = ui.messages.find((message) => message.severity === 'error');
    assert.equal(shown?.message, 'Your Plex session has expired or was revoked. Sign in again to continue.');
    assert.deepEqual(shown?.actions, ['Sign In Again', 'Show Log']);

    await signInAs('alice', ui, control);
    assert.equal(api.status, 'signedIn');
  });

  test('signing in again after the session expired, and getting the same token back, is signed in', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);
    await control.addFault({ route: 'user', fault: { kind: 'token-revoked' }, times: 1 });
    await vscode.commands.executeCommand('plex.refresh');
    assert.equal(api.status, 'expired');

    // plex.tv keeps one token per device while it is valid: the browser sign-in hands back the same one.
    await control.setPinAutoApproval(1, 'alice');
    await control.addFault({ route: 'pins.check', fault: { kind: 'set-field', field: 'authToken', value: token } });
    await vscode.commands.executeCommand('plex.signInWithBrowser');

    assert.equal(api.status, 'signedIn');
    assert.equal(api.signingIn, false);
    assert.equal((await storedSession(api))?.token, token);
    assert.equal(ui.errors().length, 1, 'only the refresh failed');
  });

  test('server errors and dropped connections never sign anyone out', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);
    for (const fault of [{ kind: 'status', status: 500 }, { kind: 'reset' }, { kind: 'malformed-json' }, { kind: 'html-error' }] as const) {
      await control.addFault({ route: 'user', fault });
      await vscode.commands.executeCommand('plex.refresh');
      await control.clearFaults();
      assert.equal(api.status, 'signedIn', `after ${fault.kind}`);
      assert.equal((await storedSession(api))?.token, token);
    }
    assert.equal(ui.errors().length, 4);
    for (const message of ui.errors()) {
      assert.doesNotMatch(message, /\[object|Error:|at .*\(|transient-/);
    }
  });

  test('refresh updates the stored account summary', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signInAs('carol', ui, control);
    await control.clearLog();
    // The account as plex.tv now describes it: renamed since the sign-in.
    await control.addFault({ route: 'user', fault: { kind: 'set-field', field: 'title', value: 'Carol Renamed' }, times: 1 });
    await vscode.commands.executeCommand('plex.refresh');
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['user']);
    assert.equal(api.status, 'signedIn');
    const storedTitle = async () => (JSON.parse((await api.testing.readStoredSession()) ?? '{}') as { account?: { title?: string } }).account?.title;
    await waitFor('the new title to be stored', async () => (await storedTitle()) === 'Carol Renamed');
    assert.equal((await storedSession(api))?.token, token, 'the same token, only the summary changed');
  });

  test('authentication provider: sessions, and change events on sign-in and sign-out', async () => {
    const { api, ui, control } = await freshStart();
    const events: vscode.AuthenticationSessionsChangeEvent[] = [];
    const subscription = vscode.authentication.onDidChangeSessions((event) => {
      if (event.provider.id === 'plex') {
        events.push(event);
      }
    });
    try {
      assert.deepEqual(await api.testing.authenticationSessions(), []);
      const token = await signInAs('alice', ui, control);
      const sessions = await api.testing.authenticationSessions();
      assert.deepEqual(
        sessions.map((session) => [session.account.label, session.accessToken === token]),
        [['alice', true]],
      );
      await waitFor('VS Code to announce the new session', () => events.length === 1);
      await vscode.commands.executeCommand('plex.signOut');
      assert.deepEqual(await api.testing.authenticationSessions(), []);
      await waitFor('VS Code to announce the removed session', () => events.length === 2);
    } finally {
      subscription.dispose();
    }
  });
});
