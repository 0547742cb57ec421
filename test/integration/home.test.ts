import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { freshStart, plexTvStatusWith, signInAs, waitFor } from './helpers';

interface StoredWithHomeUser {
  token: string;
  account: { username: string };
  homeUser?: { uuid: string; token: string; account: { title: string } };
}

async function stored(api: Awaited<ReturnType<typeof freshStart>>['api']): Promise<StoredWithHomeUser | undefined> {
  const raw = await api.testing.readStoredSession();
  return raw === undefined ? undefined : (JSON.parse(raw) as StoredWithHomeUser);
}

suite('Plex Home', () => {
  test('switch to a PIN-protected member: a wrong PIN asks again, then the extension acts as her', async () => {
    const { api, ui, control } = await freshStart();
    const adminToken = await signInAs('alice', ui, control);
    await control.clearLog();
    ui.homeUserToPick = 'Dana';
    ui.homePins.push('0000', '1234');
    await vscode.commands.executeCommand('plex.switchHomeUser');

    assert.deepEqual(ui.homePinWrongFlags, [false, true]);
    assert.ok(ui.questions.includes('homeUser:*Alice,Dana,Kids,Guest'), ui.questions.join(' | '));
    const session = await stored(api);
    assert.equal(session?.token, adminToken, "the administrator's token stays the session's own");
    assert.equal(session?.homeUser?.account.title, 'Dana');
    assert.notEqual(session?.homeUser?.token, adminToken);
    const [provided] = await api.testing.authenticationSessions();
    assert.equal(provided?.account.label, 'dana', 'other extensions get the active identity');
    assert.equal(provided?.accessToken, session?.homeUser?.token);
    assert.ok(ui.messages.some((shown) => shown.message === 'Now acting as Dana.'));
    const raw = (await api.testing.readStoredSession()) ?? '';
    assert.ok(!raw.includes('1234') && !raw.includes('0000'), 'PINs are never stored');
    assert.deepEqual(
      (await control.log()).map((entry) => entry.route),
      ['home.users', 'home.switch', 'home.switch'],
      'one list, one refused and one accepted switch; the account came with the answer',
    );
  });

  test('the servers and transient tokens are the member\'s while acting as her', async () => {
    const { api, ui, control } = await freshStart();
    const adminToken = await signInAs('alice', ui, control);
    ui.homeUserToPick = 'Kids';
    await vscode.commands.executeCommand('plex.switchHomeUser');
    const memberToken = (await stored(api))?.homeUser?.token;
    assert.ok(memberToken);
    // With the account's own token gone, only the member's tokens can list servers and get a transient token.
    await control.revokeToken(adminToken);
    await control.clearLog();
    ui.serverToPick = "Alice's Library";
    await vscode.commands.executeCommand('plex.copyTransientToken');

    const log = await control.log();
    // The listed connections are first asked who they are (no token), then the token goes to the one that answered.
    assert.deepEqual(log.map((entry) => [entry.route, entry.status]), [['resources', 200], ['pms.identity', 200], ['pms.transientToken', 200]]);
    assert.ok(!('x-plex-token' in (log[1]?.headers ?? {})), '/identity got no token');
    assert.equal(ui.errors().length, 0, ui.errors().join(' | '));
    const items = await api.testing.serverTreeItems();
    assert.ok(items.length > 0 && items.every((item) => String(item.description).includes('shared')), 'the member sees the servers as shared with her');
  });

  test('switching back to the account itself makes no request', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.homeUserToPick = 'Kids';
    await vscode.commands.executeCommand('plex.switchHomeUser');
    assert.ok((await stored(api))?.homeUser);
    await control.clearLog();
    const account = (await stored(api))?.account as { uuid?: string } | undefined;
    assert.ok(account?.uuid);
    // As the Plex Home view's row of the account itself passes it.
    await vscode.commands.executeCommand('plex.switchHomeUser', { userUuid: account.uuid });
    assert.equal((await stored(api))?.homeUser, undefined);
    assert.deepEqual(await control.log(), []);
    assert.ok(ui.messages.some((shown) => shown.message === 'Acting as alice again.'));
  });

  test('three wrong PINs: a clear message, still acting as the account', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.homeUserToPick = 'Dana';
    ui.homePins.push('0000', '1111', '2222');
    await vscode.commands.executeCommand('plex.switchHomeUser');

    assert.deepEqual(ui.errors(), ['The PIN for Dana was not accepted 3 times. Try again later.']);
    assert.equal((await stored(api))?.homeUser, undefined);
    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.activeProgress(), 0);
  });

  test('a member removed from the Home meanwhile: a clear message, nothing changes', async () => {
    const { api, ui, control } = await freshStart();
    const adminToken = await signInAs('alice', ui, control);
    const before = await api.testing.readStoredSession();
    ui.homeUserToPick = 'Kids';
    await control.addFault({ route: 'home.switch', fault: { kind: 'status', status: 404 }, times: 1 });
    await vscode.commands.executeCommand('plex.switchHomeUser');

    assert.deepEqual(ui.errors(), ['That user is no longer in your Plex Home. Refresh the Plex Home view.']);
    assert.equal(api.status, 'signedIn');
    assert.equal(await api.testing.readStoredSession(), before, 'the stored session is untouched');
    assert.equal((await stored(api))?.homeUser, undefined);
    assert.deepEqual(
      (await api.testing.authenticationSessions()).map((session) => [session.account.label, session.accessToken === adminToken]),
      [['alice', true]],
      'other extensions still get the account itself',
    );
    assert.ok(!ui.messages.some((shown) => shown.message.startsWith('Now acting as')));
    assert.equal(api.testing.activeProgress(), 0);
  });

  test("a managed user's token that Plex refuses falls back to the account, never to signed out", async () => {
    const { api, ui, control } = await freshStart();
    const adminToken = await signInAs('alice', ui, control);
    ui.homeUserToPick = 'Kids';
    await vscode.commands.executeCommand('plex.switchHomeUser');
    const memberToken = (await stored(api))?.homeUser?.token;
    assert.ok(memberToken);
    await control.revokeToken(memberToken);
    await vscode.commands.executeCommand('plex.refresh');

    assert.equal(api.status, 'signedIn');
    await waitFor('the fallback to be stored', async () => (await stored(api))?.homeUser === undefined);
    assert.equal((await stored(api))?.token, adminToken);
    assert.deepEqual(ui.errors(), ['Plex no longer accepts the Home user you acted as. You act as your own account again.']);
  });

  test('sign-out revokes the account token and forgets both', async () => {
    const { api, ui, control } = await freshStart();
    const adminToken = await signInAs('alice', ui, control);
    ui.homeUserToPick = 'Kids';
    await vscode.commands.executeCommand('plex.switchHomeUser');
    const memberToken = (await stored(api))?.homeUser?.token;
    assert.ok(memberToken);
    await control.clearLog();
    await vscode.commands.executeCommand('plex.signOut');

    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.deepEqual(await api.testing.authenticationSessions(), [], 'neither identity is offered to other extensions');
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['signout']);
    assert.equal(await plexTvStatusWith(adminToken), 401, "the account's token was revoked");
  });

  test('another window switching back is followed', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.homeUserToPick = 'Kids';
    await vscode.commands.executeCommand('plex.switchHomeUser');
    assert.equal((await api.testing.authenticationSessions())[0]?.account.label, 'Kids');

    const raw = await api.testing.readStoredSession();
    const { homeUser: _switched, ...account } = JSON.parse(raw ?? '{}') as StoredWithHomeUser;
    await api.testing.writeStoredSessionAsAnotherWindow(JSON.stringify(account));
    await waitFor('this window to act as the account again', async () => (await api.testing.authenticationSessions())[0]?.account.label === 'alice');
  });

  test('an account outside a Plex Home: Switch Home User says so', async () => {
    const { ui, control } = await freshStart();
    await signInAs('carol', ui, control);
    await vscode.commands.executeCommand('plex.switchHomeUser');
    assert.ok(ui.messages.some((shown) => shown.message === 'Your Plex account is not in a Plex Home.'));
  });
});

