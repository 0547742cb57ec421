// Actions that overlap. Whatever the order, no crash, no session brought back
// after a sign-out, no timer or progress left behind, and the final state is the last user action.
//
// Deactivation mid-request is in deactivation.test.ts: it ends the extension, so the runner runs it last (index.ts).
// "Two windows" are one window plus writes straight to SecretStorage, the way another window's
// copy of the extension writes: the same secrets.onDidChange path, in one extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../src/api';
import type { PlexTestingApi } from './testingApi';
import { approvalCode, freshStart, signInAs, storedSession, waitFor } from './helpers';

type Api = PlexExtensionApi & { testing: PlexTestingApi };

/** Nothing left running: no progress, no PIN poll timer, no sign-in, no clipboard clear. */
async function assertNothingLeftRunning(api: Api): Promise<void> {
  await waitFor(
    'every progress, poll timer and sign-in to end',
    () => api.testing.activeProgress() === 0 && api.testing.pendingPollTimers() === 0 && !api.signingIn,
    3000,
  );
  assert.equal(api.testing.pendingClipboardClears(), 0);
}

/** A session JSON as another window's extension would store it, for a token the stand-in issued. */
function sessionFromAnotherWindow(username: string, token: string): string {
  const account = { id: 42, uuid: `uuid-${username}`, username, title: username, email: `${username}@example.com`, twoFactorEnabled: false, home: false, homeAdmin: false };
  return JSON.stringify({ token, account, signedInAt: Date.now(), method: 'token' });
}

suite('Concurrency and lifecycle', () => {
  teardown(async () => {
    await freshStart();
  });

  test('double-clicked password sign-in: one flow, one request, one session', async () => {
    const { api, ui, control } = await freshStart();
    await control.addFault({ route: 'signin', fault: { kind: 'slow', delayMs: 400 }, times: 1 });
    ui.logins.push('carol');
    ui.passwords.push('carol-password');
    const first = vscode.commands.executeCommand('plex.signInWithPassword');
    await waitFor('the sign-in to start', () => api.signingIn);
    const second = vscode.commands.executeCommand('plex.signInWithPassword');
    await Promise.all([first, second]);

    assert.deepEqual(ui.questions, ['login', 'password']);
    assert.equal((await control.log()).filter((entry) => entry.route === 'signin').length, 1);
    assert.equal(api.testing.accountUsername(), 'carol');
    assert.ok(ui.messages.some((shown) => shown.message === 'A Plex sign-in is already in progress.'));
    await assertNothingLeftRunning(api);
  });

  test('sign-out during a refresh: stays signed out, and the refresh says nothing about the revoked token', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.serverToPick = undefined;
    await vscode.commands.executeCommand('plex.selectServer'); // servers loaded: refresh reloads them too
    ui.messages.length = 0;
    await control.clearLog();
    await control.addFault({ route: 'user', fault: { kind: 'slow', delayMs: 500 }, times: 1 });
    const refreshing = vscode.commands.executeCommand('plex.refresh');
    await waitFor('the refresh request to arrive', async () => (await control.log()).some((entry) => entry.route === 'user'));
    await vscode.commands.executeCommand('plex.signOut');
    await refreshing;

    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.deepEqual(await api.testing.authenticationSessions(), []);
    assert.deepEqual(
      ui.messages.map((shown) => shown.message),
      ['Signed out of Plex.'],
      'only the sign-out speaks',
    );
    await assertNothingLeftRunning(api);
  });

  test('signing in as someone else during a refresh: the refresh never overwrites the new session', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    await control.addFault({ route: 'user', fault: { kind: 'slow', delayMs: 500 }, times: 1 });
    const refreshing = vscode.commands.executeCommand('plex.refresh');
    await waitFor('the refresh request to arrive', async () => (await control.log()).some((entry) => entry.route === 'user' && entry.status === 0));
    const carol = await signInAs('carol', ui, control);
    await refreshing;

    assert.equal(api.testing.accountUsername(), 'carol');
    assert.equal((await storedSession(api))?.token, carol);
    assert.equal((await storedSession(api))?.account.username, 'carol');
    assert.deepEqual(ui.errors(), []);
    await assertNothingLeftRunning(api);
  });

  test('sign-out while a transient token is being fetched: nothing is copied afterwards', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.serverToPick = "Alice's Cloud";
    await vscode.commands.executeCommand('plex.selectServer');
    ui.messages.length = 0;
    await vscode.env.clipboard.writeText('before');
    await control.clearLog();
    await control.addFault({ route: 'pms.transientToken', fault: { kind: 'slow', delayMs: 500 }, times: 1 });
    const copying = vscode.commands.executeCommand('plex.copyTransientToken');
    await waitFor('the token request to arrive', async () => (await control.log()).some((entry) => entry.route === 'pms.transientToken'));
    await vscode.commands.executeCommand('plex.signOut');
    await copying;

    assert.equal(api.status, 'signedOut');
    assert.equal(await vscode.env.clipboard.readText(), 'before', 'no token of the signed-out account lands on the clipboard');
    assert.deepEqual(ui.messages.map((shown) => shown.message), ['Signed out of Plex.']);
    await assertNothingLeftRunning(api);
  });

  test('double-clicked sign-out: one revocation, one message', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.messages.length = 0;
    await control.clearLog();
    await control.addFault({ route: 'signout', fault: { kind: 'slow', delayMs: 300 }, times: 1 });
    await Promise.all([vscode.commands.executeCommand('plex.signOut'), vscode.commands.executeCommand('plex.signOut')]);

    assert.equal(api.status, 'signedOut');
    assert.equal((await control.log()).filter((entry) => entry.route === 'signout').length, 1);
    assert.deepEqual(ui.messages.map((shown) => shown.message), ['Signed out of Plex.']);
    await assertNothingLeftRunning(api);
  });

  test('two waits on one server list: cancelling one leaves the other its answer', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    assert.equal(api.testing.cachedServerNames(), undefined, 'no list yet: both callers wait on one request');
    await control.clearLog();
    await control.addFault({ route: 'resources', fault: { kind: 'slow', delayMs: 1500 }, times: 1 });
    ui.serverToPick = undefined;
    const settled: string[] = [];
    const selecting = Promise.resolve(vscode.commands.executeCommand('plex.selectServer')).then(() => settled.push('command'));
    await waitFor('the server list request to arrive', async () => (await control.log()).some((entry) => entry.route === 'resources'));
    const treeItems = api.testing.serverTreeItems();
    void treeItems.then(() => settled.push('view'));
    api.testing.cancelProgress('Finding your Plex Media Servers...');
    await selecting;
    const items = await treeItems;

    assert.deepEqual(settled, ['command', 'view'], 'the cancelled command stops without waiting for the answer');
    assert.deepEqual(items.map((item) => item.label), ["Alice's Library", "Alice's Cloud"], 'the view still gets the list');
    assert.deepEqual(ui.errors(), [], 'cancelling is not an error');
    assert.equal((await control.log()).filter((entry) => entry.route === 'resources').length, 1);
    await assertNothingLeftRunning(api);
  });

  test('a PIN approved after the browser sign-in was cancelled signs nobody in', async () => {
    const { api, ui, control } = await freshStart();
    const signingIn = vscode.commands.executeCommand('plex.signInWithBrowser');
    await waitFor('the browser to open and polling to start', () => ui.openedUrls.length === 1 && api.testing.pendingPollTimers() === 1);
    api.testing.cancelProgress();
    await signingIn;

    assert.equal(api.status, 'signedOut');
    assert.deepEqual(ui.errors(), [], 'cancelling is not an error');
    await assertNothingLeftRunning(api);
    const code = approvalCode(ui.openedUrls[0]);
    const checksBefore = (await control.log()).filter((entry) => entry.route === 'pins.check').length;
    await control.approvePin({ code }, 'alice');

    // No timer and no progress is left that could poll again, so nothing can pick the token up.
    assert.equal(api.testing.pendingPollTimers(), 0);
    assert.equal(api.testing.activeProgress(), 0);
    assert.equal((await control.log()).filter((entry) => entry.route === 'pins.check').length, checksBefore);
    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);

    await control.setPinAutoApproval(1, 'carol');
    await vscode.commands.executeCommand('plex.signInWithBrowser');
    assert.equal(api.testing.accountUsername(), 'carol', 'the next browser sign-in works');
  });

  test('another window signs in as someone else, then out: this window follows without a reload', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    const carolToken = await control.issueToken('carol');
    await api.testing.writeStoredSessionAsAnotherWindow(sessionFromAnotherWindow('carol', carolToken));
    await waitFor('this window to show carol', () => api.testing.accountUsername() === 'carol');
    assert.deepEqual((await api.testing.authenticationSessions()).map((session) => session.account.label), ['carol']);
    assert.equal(api.testing.cachedServerNames(), undefined, "alice's servers are forgotten");

    await api.testing.writeStoredSessionAsAnotherWindow(undefined);
    await waitFor('this window to sign out', () => api.status === 'signedOut');
    assert.deepEqual(await api.testing.authenticationSessions(), []);
    await assertNothingLeftRunning(api);
  });

  test('another window signs out during a refresh here: nothing is brought back', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.messages.length = 0;
    await control.addFault({ route: 'user', fault: { kind: 'slow', delayMs: 500 }, times: 1 });
    const refreshing = vscode.commands.executeCommand('plex.refresh');
    await waitFor('the refresh request to arrive', async () => (await control.log()).some((entry) => entry.route === 'user' && entry.status === 0));
    await api.testing.writeStoredSessionAsAnotherWindow(undefined);
    await waitFor('this window to sign out', () => api.status === 'signedOut');
    await refreshing;

    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.deepEqual(ui.errors(), []);
    await assertNothingLeftRunning(api);
  });

  test('both windows sign in at once: the last write wins, here and in storage', async () => {
    const { api, ui, control } = await freshStart();
    await control.addFault({ route: 'user', fault: { kind: 'slow', delayMs: 500 }, times: 1 });
    const alice = await control.issueToken('alice');
    ui.tokens.push(alice);
    const signingIn = vscode.commands.executeCommand('plex.signInWithToken');
    await waitFor('the token check to arrive', async () => (await control.log()).some((entry) => entry.route === 'user'));
    // The other window finishes first...
    const carol = await control.issueToken('carol');
    await api.testing.writeStoredSessionAsAnotherWindow(sessionFromAnotherWindow('carol', carol));
    await waitFor('this window to show carol', () => api.testing.accountUsername() === 'carol');
    // ...then this window's sign-in completes: the last action.
    await signingIn;

    assert.equal(api.testing.accountUsername(), 'alice');
    assert.equal((await storedSession(api))?.token, alice);
    assert.deepEqual((await api.testing.authenticationSessions()).map((session) => session.account.label), ['alice']);
    await assertNothingLeftRunning(api);
  });
});
