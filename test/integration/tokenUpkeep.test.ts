import * as assert from 'node:assert/strict';
import { freshStart, signInAs } from './helpers';

const DAY_MS = 24 * 60 * 60 * 1000;

suite('Token upkeep (daily ping)', () => {
  test('a sign-in counts as a use: no ping is due after it', async () => {
    const { api, ui, control } = await freshStart();
    await api.testing.setLastTokenUse(undefined);
    await signInAs('alice', ui, control);
    assert.ok(Date.now() - (api.testing.lastTokenUse() ?? 0) < 60_000, 'the sign-in is recorded as a use');
    await control.clearLog();
    assert.equal(await api.testing.pingTokenIfDue(), 'not-due');
    assert.deepEqual(await control.log(), []);
  });

  test('pings at most once a day', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    await api.testing.setLastTokenUse(Date.now() - DAY_MS - 60_000);
    await control.clearLog();
    assert.equal(await api.testing.pingTokenIfDue(), 'pinged');
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
    await api.testing.setLastTokenUse(Date.now() - 2 * DAY_MS);
    await control.revokeToken(token);
    assert.equal(await api.testing.pingTokenIfDue(), 'expired');
    assert.equal(api.status, 'expired');
    assert.match((await api.testing.readStoredSession()) ?? '', new RegExp(token));
  });

  test('network trouble stays quiet and tries again at the next look', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    const twoDaysAgo = Date.now() - 2 * DAY_MS;
    await api.testing.setLastTokenUse(twoDaysAgo);
    await control.addFault({ route: 'ping', fault: { kind: 'reset' } });
    assert.equal(await api.testing.pingTokenIfDue(), 'failed');
    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.lastTokenUse(), twoDaysAgo, 'not recorded as a use');
    assert.deepEqual(ui.messages.filter((shown) => shown.severity !== 'info'), [], 'nothing to tell the user');
    await control.clearFaults();
    assert.equal(await api.testing.pingTokenIfDue(), 'pinged');
  });
});
