import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { freshStart, signInAs, waitFor } from './helpers';

interface Stored {
  token: string;
  account: { username: string; title: string };
  homeUser?: { uuid: string; token: string; account: { title: string } };
}

suite('Plex Home: concurrency', () => {
  test('a switch during a refresh: the refresh ends without an error, and the switch stands', async () => {
    const { api, ui, control } = await freshStart();
    const adminToken = await signInAs('alice', ui, control);
    await control.addFault({ route: 'user', fault: { kind: 'slow', delayMs: 400 }, times: 1 });
    const refresh = vscode.commands.executeCommand('plex.refresh');
    await waitFor('the refresh request to arrive', async () => (await control.log()).some((entry) => entry.route === 'user'));
    ui.homeUserToPick = 'Kids';
    await vscode.commands.executeCommand('plex.switchHomeUser');
    await refresh;

    const stored = JSON.parse((await api.testing.readStoredSession()) ?? '{}') as Stored;
    assert.equal(stored.token, adminToken);
    assert.equal(stored.homeUser?.account.title, 'Kids');
    assert.equal((await api.testing.authenticationSessions())[0]?.account.label, 'Kids');
    assert.deepEqual(ui.errors(), []);
    assert.equal(api.testing.activeProgress(), 0);
  });

  test('switching back during a refresh made as the Home user: its answer does not bring her back', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.homeUserToPick = 'Kids';
    await vscode.commands.executeCommand('plex.switchHomeUser');
    await control.addFault({ route: 'user', fault: { kind: 'slow', delayMs: 400 }, times: 1 });
    const refresh = vscode.commands.executeCommand('plex.refresh');
    await waitFor('the refresh request to arrive', async () => (await control.log()).some((entry) => entry.route === 'user'));
    ui.homeUserToPick = 'Alice';
    await vscode.commands.executeCommand('plex.switchHomeUser');
    await refresh;

    const stored = JSON.parse((await api.testing.readStoredSession()) ?? '{}') as Stored;
    assert.equal(stored.homeUser, undefined);
    assert.equal((await api.testing.authenticationSessions())[0]?.account.label, 'alice');
    assert.deepEqual(ui.errors(), []);
  });

  test('two windows switching at once: this window ends showing what is stored', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    const base = JSON.parse((await api.testing.readStoredSession()) ?? '{}') as Stored;
    await control.addFault({ route: 'home.switch', fault: { kind: 'slow', delayMs: 300 }, times: 1 });
    ui.homeUserToPick = 'Kids';
    const switching = vscode.commands.executeCommand('plex.switchHomeUser');
    await waitFor('the switch request to arrive', async () => (await control.log()).some((entry) => entry.route === 'home.switch'));
    // Meanwhile another window switches to Dana.
    const danaToken = await control.issueToken('alice');
    await api.testing.writeStoredSessionAsAnotherWindow(
      JSON.stringify({ ...base, homeUser: { uuid: 'dana-uuid', token: danaToken, account: { ...base.account, username: 'dana', title: 'Dana' } } }),
    );
    await switching;

    await waitFor('this window and the secret to agree', async () => {
      const stored = JSON.parse((await api.testing.readStoredSession()) ?? '{}') as Stored;
      const [shown] = await api.testing.authenticationSessions();
      return shown?.accessToken === (stored.homeUser?.token ?? stored.token);
    });
    assert.equal(api.status, 'signedIn');
  });
});
