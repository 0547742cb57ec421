import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DAY_MS, freshStart, lookAfterTwoDaysUnused, signInAs, waitFor } from './helpers';

suite('Token upkeep (daily ping)', () => {
  // A Plex view left open would read plex.tv after each sign-in, and any accepted request counts
  // as a use of the token: with the side bar closed, only the test's own requests run.
  suiteSetup(async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  test('a sign-in counts as a use', async () => {
    const { api, ui, control } = await freshStart();
    await api.testing.setLastTokenUse(undefined);
    await signInAs('alice', ui, control);
    await waitFor('the sign-in to be recorded as a use', () => Date.now() - (api.testing.lastTokenUse() ?? 0) < 60_000);
  });

  test('pings at most once a day', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    await control.clearLog();
    assert.equal(await lookAfterTwoDaysUnused(api), 'pinged');
    assert.equal(await api.testing.pingTokenIfDue(), 'not-due');
    assert.deepEqual((await control.log()).map((entry) => [entry.route, entry.status]), [['ping', 200]]);
    assert.deepEqual(ui.messages.filter((shown) => shown.severity !== 'info'), []);
  });

  test('another window that used the token today means no ping here', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    // What another window leaves in the shared globalState after a request of its own.
    await api.testing.setLastTokenUse(Date.now() - 3 * 60 * 60 * 1000);
    await control.clearLog();
    assert.equal(await api.testing.pingTokenIfDue(), 'not-due');
    assert.deepEqual(await control.log(), []);
  });

  test('a 401 from the ping: the session is expired, and the token is kept', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);
    await control.revokeToken(token);
    assert.equal(await lookAfterTwoDaysUnused(api), 'expired');
    assert.equal(api.status, 'expired');
    assert.match((await api.testing.readStoredSession()) ?? '', new RegExp(token));
  });

  test('network trouble stays quiet and tries again at the next look', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    await control.addFault({ route: 'ping', fault: { kind: 'reset' } });
    assert.equal(await lookAfterTwoDaysUnused(api), 'failed');
    assert.equal(api.status, 'signedIn');
    assert.ok(Date.now() - (api.testing.lastTokenUse() ?? 0) > DAY_MS, 'a failed ping is not recorded as a use');
    assert.deepEqual(ui.messages.filter((shown) => shown.severity !== 'info'), [], 'nothing to tell the user');
    await control.clearFaults();
    assert.equal(await lookAfterTwoDaysUnused(api), 'pinged');
  });
});
