// Add Account and Switch Account where the fault matrix's network faults do not reach: a secret
// write that fails (a locked keychain) and dialogs the user closes. Each case asserts the exact
// message, who is active, what is stored, and that nothing was sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShownMessage } from './scriptedUi';
import { freshStart, signedInAs } from './helpers';

type Started = Awaited<ReturnType<typeof freshStart>>;

const KEYCHAIN_MESSAGE =
  'VS Code could not keep your Plex sign-in in its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then try again.';

/** Who is active and who is signed in beside, as shown and as stored. */
async function accounts({ api }: Started): Promise<{ active: string | undefined; others: string[]; stored: [string | undefined, string[]] }> {
  const raw = await api.testing.readStoredSession();
  const layout = raw === undefined ? undefined : (JSON.parse(raw) as { account: { username: string }; otherAccounts?: { account: { username: string } }[] });
  return {
    active: api.testing.accountUsername(),
    others: api.testing.inactiveAccounts().map((other) => other.username),
    stored: [layout?.account.username, (layout?.otherAccounts ?? []).map((other) => other.account.username)],
  };
}

/** alice signed in, then bob added with a pasted token: bob active, alice beside. */
async function aliceAndBob(started: Started): Promise<void> {
  const { ui, control } = started;
  await signedInAs('alice', ui, control);
  await addWithToken(started, 'bob');
  assert.deepEqual(await accounts(started), { active: 'bob', others: ['alice'], stored: ['bob', ['alice']] });
  ui.messages.length = 0;
  ui.questions.length = 0;
  await control.clearLog();
}

async function addWithToken({ ui, control }: Started, username: string): Promise<void> {
  ui.signInMethod = 'token';
  ui.tokens.push(await control.issueToken(username));
  await vscode.commands.executeCommand('plex.addAccount');
}

function shown(messages: readonly ShownMessage[]): { severity: string; message: string; actions: string[] }[] {
  return messages.map((message) => ({ severity: message.severity, message: message.message, actions: [...message.actions] }));
}

suite('Add and Switch Account: a failing secret write, and closed dialogs', () => {
  test('Add Account whose secret write fails: alice stays signed in and active, the keychain message says what to do, and the next add works', async () => {
    const started = await freshStart();
    const { api, ui, control } = started;
    await signedInAs('alice', ui, control);
    const storedBefore = await api.testing.readStoredSession();
    const failedBefore = api.testing.failedSecretWrites();

    api.testing.failNextSecretWrite();
    await addWithToken(started, 'bob');

    assert.equal(api.testing.failedSecretWrites(), failedBefore + 1, 'the write was made and failed');
    assert.deepEqual(shown(ui.messages), [{ severity: 'error', message: KEYCHAIN_MESSAGE, actions: ['Show Log'] }]);
    assert.equal(api.status, 'signedIn');
    assert.deepEqual(await accounts(started), { active: 'alice', others: [], stored: ['alice', []] });
    assert.equal(await api.testing.readStoredSession(), storedBefore, 'the stored secret is unchanged');

    ui.messages.length = 0;
    await addWithToken(started, 'bob');
    assert.deepEqual(shown(ui.messages), [{ severity: 'info', message: 'Signed in to Plex as bob.', actions: [] }]);
    assert.deepEqual(await accounts(started), { active: 'bob', others: ['alice'], stored: ['bob', ['alice']] });
  });

  test('Switch Account whose secret write fails: the old active account stays active, the keychain message says so, no request', async () => {
    const started = await freshStart();
    const { api, ui, control } = started;
    await aliceAndBob(started);
    const storedBefore = await api.testing.readStoredSession();
    const failedBefore = api.testing.failedSecretWrites();
    ui.flashed.length = 0;

    api.testing.failNextSecretWrite();
    ui.accountToPick = 'alice';
    await vscode.commands.executeCommand('plex.switchAccount');

    assert.equal(api.testing.failedSecretWrites(), failedBefore + 1, 'the write was made and failed');
    assert.deepEqual(shown(ui.messages), [{ severity: 'error', message: KEYCHAIN_MESSAGE, actions: [] }]);
    assert.deepEqual(ui.flashed, [], 'no "now acting as" flash');
    assert.equal(api.status, 'signedIn');
    assert.deepEqual(await accounts(started), { active: 'bob', others: ['alice'], stored: ['bob', ['alice']] });
    assert.equal(await api.testing.readStoredSession(), storedBefore, 'the stored secret is unchanged');
    assert.deepEqual(await control.log(), [], 'switching makes no request');

    ui.messages.length = 0;
    await vscode.commands.executeCommand('plex.switchAccount');
    assert.deepEqual(shown(ui.messages), [], 'the next switch says nothing but its flash');
    assert.deepEqual(ui.flashed, ['$(account) Plex: alice']);
    assert.deepEqual(await accounts(started), { active: 'alice', others: ['bob'], stored: ['alice', ['bob']] });
  });

  test('Add Account closed at each dialog (how to sign in, the token): nothing changes, nothing is said, nothing is sent', async () => {
    const started = await freshStart();
    const { api, ui, control } = started;
    await signedInAs('alice', ui, control);
    const storedBefore = await api.testing.readStoredSession();
    await control.clearLog();

    ui.signInMethod = undefined;
    await vscode.commands.executeCommand('plex.addAccount');
    assert.deepEqual(ui.questions, ['method'], 'asked how to sign in, and closed');

    ui.questions.length = 0;
    ui.signInMethod = 'token';
    ui.tokens.push(undefined);
    await vscode.commands.executeCommand('plex.addAccount');
    assert.deepEqual(ui.questions, ['method', 'token'], 'asked for the token, and closed');

    assert.deepEqual(shown(ui.messages), []);
    assert.equal(api.status, 'signedIn');
    assert.equal(api.signingIn, false, 'no sign-in left running');
    assert.deepEqual(await accounts(started), { active: 'alice', others: [], stored: ['alice', []] });
    assert.equal(await api.testing.readStoredSession(), storedBefore);
    assert.deepEqual(await control.log(), [], 'nothing sent');
  });

  test('Switch Account closed without a pick: nothing changes, nothing is said, nothing is sent', async () => {
    const started = await freshStart();
    const { api, ui, control } = started;
    await aliceAndBob(started);
    const storedBefore = await api.testing.readStoredSession();
    ui.flashed.length = 0;

    ui.accountToPick = undefined;
    await vscode.commands.executeCommand('plex.switchAccount');

    assert.deepEqual(ui.questions, ['account:*bob,alice'], 'asked which account, and closed');
    assert.deepEqual(shown(ui.messages), []);
    assert.deepEqual(ui.flashed, []);
    assert.deepEqual(await accounts(started), { active: 'bob', others: ['alice'], stored: ['bob', ['alice']] });
    assert.equal(await api.testing.readStoredSession(), storedBefore);
    assert.deepEqual(await control.log(), [], 'nothing sent');
  });
});
