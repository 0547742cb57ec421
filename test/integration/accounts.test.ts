import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { freshStart, plexTvStatusWith, signInAs, waitFor } from './helpers';

/** The secret as it is stored: the active account at the top level, the others under `otherAccounts`. */
interface StoredLayout {
  token: string;
  account: { username: string; uuid: string };
  otherAccounts?: { token: string; account: { username: string; uuid: string } }[];
}

async function storedLayout(api: Awaited<ReturnType<typeof freshStart>>['api']): Promise<StoredLayout | undefined> {
  const raw = await api.testing.readStoredSession();
  return raw === undefined ? undefined : (JSON.parse(raw) as StoredLayout);
}

function accountNames(layout: StoredLayout | undefined): [string | undefined, string[]] {
  return [layout?.account.username, (layout?.otherAccounts ?? []).map((other) => other.account.username)];
}

/** Signs in `username` as an added account, through Plex: Sign In to Another Account. */
async function addAccount(username: string, ui: Awaited<ReturnType<typeof freshStart>>['ui'], control: Awaited<ReturnType<typeof freshStart>>['control']): Promise<string> {
  const token = await control.issueToken(username);
  ui.tokens.push(token);
  ui.signInMethod = 'token';
  await vscode.commands.executeCommand('plex.addAccount');
  return token;
}

suite('Several accounts', () => {
  test('a secret of the shape written before accounts existed is one signed-in account, and stays as it is', async () => {
    const { api, ui, control } = await freshStart();
    const token = await control.issueToken('alice');
    // Exactly what the single-account version wrote: JSON.stringify of its StoredSession.
    const before = JSON.stringify({
      token,
      account: { id: 1, uuid: 'uuid-alice-legacy', username: 'alice', title: 'Alice', email: 'alice@example.com', twoFactorEnabled: false, home: true, homeAdmin: true },
      signedInAt: 1_700_000_000_000,
      method: 'browser',
    });
    await api.testing.writeStoredSessionAsAnotherWindow(before);
    await waitFor('signed in from the stored secret', () => api.status === 'signedIn');
    assert.equal(api.testing.accountUsername(), 'alice');
    assert.deepEqual(api.testing.inactiveAccounts(), []);
    assert.deepEqual((await api.testing.authenticationSessions()).map((session) => [session.id, session.accessToken === token]), [['uuid-alice-legacy', true]]);
    assert.equal(await api.testing.readStoredSession(), before, 'read as it is: not rewritten');
    assert.deepEqual(await control.log(), [], 'no request');
    assert.deepEqual(ui.questions, []);
  });

  test('Plex: Sign In while signed in offers to add an account; adding keeps the first, signed in and listed', async () => {
    const { api, ui, control } = await freshStart();
    const alice = await signInAs('alice', ui, control);
    ui.questions.length = 0;
    ui.addAccountAnswer = 'add';
    const carol = await signInAs('carol', ui, control);

    assert.deepEqual(ui.questions, ['addAccount:alice', 'token'], 'asked first, then the sign-in itself');
    assert.equal(api.testing.accountUsername(), 'carol', 'the added account is the active one');
    assert.deepEqual(api.testing.inactiveAccounts(), [{ username: 'alice', expired: false }]);
    assert.deepEqual(accountNames(await storedLayout(api)), ['carol', ['alice']]);
    assert.deepEqual(
      (await api.testing.authenticationSessions()).map((session) => [session.account.label, session.accessToken]),
      [
        ['carol', carol],
        ['alice', alice],
      ],
    );
  });

  test('Sign In again (not adding) replaces the active account as before', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.addAccountAnswer = 'again';
    await signInAs('carol', ui, control);
    assert.equal(api.testing.accountUsername(), 'carol');
    assert.deepEqual(api.testing.inactiveAccounts(), []);
    assert.deepEqual(accountNames(await storedLayout(api)), ['carol', []]);
  });

  test('Plex: Sign In to Another Account adds directly; signing in to an account already there replaces its session', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.questions.length = 0;
    await addAccount('carol', ui, control);
    assert.ok(!ui.questions.some((question) => question.startsWith('addAccount')), 'no question: it adds');
    const aliceAgain = await addAccount('alice', ui, control);

    assert.equal(api.testing.accountUsername(), 'alice');
    assert.deepEqual(api.testing.inactiveAccounts(), [{ username: 'carol', expired: false }], 'alice once, with her new session');
    const layout = await storedLayout(api);
    assert.deepEqual(accountNames(layout), ['alice', ['carol']]);
    assert.equal(layout?.token, aliceAgain);
    assert.equal((await api.testing.authenticationSessions()).length, 2);
  });

  test('Switch Account: the picked account becomes active, no request, every view follows, the provider reports nothing', async () => {
    const { api, ui, control } = await freshStart();
    const alice = await signInAs('alice', ui, control);
    const carol = await addAccount('carol', ui, control);
    await control.clearLog();
    ui.questions.length = 0;
    ui.accountToPick = 'alice';
    const started = performance.now();
    await vscode.commands.executeCommand('plex.switchAccount');
    const elapsed = performance.now() - started;

    assert.deepEqual(ui.questions, ['account:*carol,alice']);
    assert.equal(api.testing.accountUsername(), 'alice');
    assert.deepEqual(api.testing.inactiveAccounts(), [{ username: 'carol', expired: false }]);
    assert.deepEqual(accountNames(await storedLayout(api)), ['alice', ['carol']]);
    assert.deepEqual(await control.log(), [], 'switching makes no request');
    assert.ok(api.testing.accountFields().some((field) => field.value === 'alice'), 'the Account view shows alice');
    assert.deepEqual(
      (await api.testing.authenticationSessions()).map((session) => [session.account.label, session.accessToken]).sort(),
      [
        ['alice', alice],
        ['carol', carol],
      ],
    );
    console.log(`    switch account: ${elapsed.toFixed(1)} ms, 0 requests`);
  });

  test('Switch Account with an account id switches; forged, unknown and prototype ids change nothing', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    await addAccount('carol', ui, control);
    const aliceId = (await api.testing.authenticationSessions()).find((session) => session.account.label === 'alice')?.id;
    assert.ok(aliceId);
    await control.clearLog();
    for (const forged of [{ accountId: 'no-such-account' }, { accountId: '__proto__' }, { accountId: 42 }, 'alice', Object.create({ accountId: aliceId }) as object]) {
      ui.messages.length = 0;
      await vscode.commands.executeCommand('plex.switchAccount', forged);
      assert.equal(api.testing.accountUsername(), 'carol', `unchanged by ${JSON.stringify(forged)}`);
      assert.equal(ui.messages.filter((message) => message.severity === 'error').length, 1, `one error for ${JSON.stringify(forged)}`);
    }
    await vscode.commands.executeCommand('plex.switchAccount', { accountId: aliceId });
    assert.equal(api.testing.accountUsername(), 'alice');
    assert.deepEqual(await control.log(), [], 'no request');
  });

  test("the provider's account option returns that account's session only", async () => {
    const { api, ui, control } = await freshStart();
    const alice = await signInAs('alice', ui, control);
    await addAccount('carol', ui, control);
    const aliceSession = (await api.testing.authenticationSessions()).find((session) => session.account.label === 'alice');
    assert.ok(aliceSession);
    const forAlice = await api.testing.authenticationSessions(aliceSession.account);
    assert.deepEqual(
      forAlice.map((session) => [session.account.label, session.accessToken]),
      [['alice', alice]],
    );
    assert.deepEqual(await api.testing.authenticationSessions({ id: 'nobody', label: 'nobody' }), []);
  });

  test("a consumer's vscode.authentication.getAccounts('plex') lists every account, and follows a sign-out of one", async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    await addAccount('carol', ui, control);
    const labels = async () => (await vscode.authentication.getAccounts('plex')).map((account) => account.label).sort();
    await waitFor('both accounts listed', async () => JSON.stringify(await labels()) === JSON.stringify(['alice', 'carol']));
    const aliceId = (await api.testing.authenticationSessions()).find((session) => session.account.label === 'alice')?.id;
    assert.ok(aliceId);
    await api.testing.removeAuthenticationSession(aliceId);
    await waitFor('only carol listed', async () => JSON.stringify(await labels()) === JSON.stringify(['carol']));
  });

  test('signing out of one account from the Accounts menu revokes its token only; the active one is untouched', async () => {
    const { api, ui, control } = await freshStart();
    const alice = await signInAs('alice', ui, control);
    const carol = await addAccount('carol', ui, control);
    const aliceId = (await api.testing.authenticationSessions()).find((session) => session.account.label === 'alice')?.id;
    assert.ok(aliceId);
    await control.clearLog();
    await api.testing.removeAuthenticationSession(aliceId);

    assert.equal(api.testing.accountUsername(), 'carol');
    assert.equal(api.status, 'signedIn');
    assert.deepEqual(api.testing.inactiveAccounts(), []);
    assert.deepEqual(accountNames(await storedLayout(api)), ['carol', []]);
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['signout']);
    assert.equal(await plexTvAccepts(alice), false, "alice's token is revoked");
    assert.equal(await plexTvAccepts(carol), true, "carol's token still works");
  });

  test('signing out of the active account makes the next one active', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    await addAccount('carol', ui, control);
    await vscode.commands.executeCommand('plex.signOut');
    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.accountUsername(), 'alice');
    assert.deepEqual(accountNames(await storedLayout(api)), ['alice', []]);
    await vscode.commands.executeCommand('plex.signOut');
    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
  });

  test("a refused token expires its own account only: carol's refusal leaves alice signed in", async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    const carol = await addAccount('carol', ui, control);
    await control.revokeToken(carol);
    await vscode.commands.executeCommand('plex.refresh');
    assert.equal(api.status, 'expired', 'carol, the active account, is expired');
    ui.accountToPick = 'alice';
    await vscode.commands.executeCommand('plex.switchAccount');
    assert.equal(api.status, 'signedIn', 'alice is signed in');
    assert.deepEqual(api.testing.inactiveAccounts(), [{ username: 'carol', expired: true }]);
    ui.accountToPick = 'carol';
    await vscode.commands.executeCommand('plex.switchAccount');
    assert.equal(api.status, 'expired', 'carol is still expired after switching back');
  });

  test("another window's added account and switch show here", async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    const alice = await api.testing.readStoredSession();
    assert.ok(alice);
    const carolToken = await control.issueToken('carol');
    const carol = { ...JSON.parse(alice), token: carolToken, account: { ...JSON.parse(alice).account, id: 3, uuid: 'uuid-carol-elsewhere', username: 'carol' } };
    const started = performance.now();
    await api.testing.writeStoredSessionAsAnotherWindow(JSON.stringify({ ...carol, otherAccounts: [JSON.parse(alice)] }));
    await waitFor("the other window's switch", () => api.testing.accountUsername() === 'carol', 1000);
    console.log(`    another window's switch shown after ${(performance.now() - started).toFixed(1)} ms`);
    assert.deepEqual(api.testing.inactiveAccounts(), [{ username: 'alice', expired: false }]);
    assert.equal((await api.testing.authenticationSessions()).length, 2);
  });
});

async function plexTvAccepts(token: string): Promise<boolean> {
  return (await plexTvStatusWith(token)) === 200;
}
