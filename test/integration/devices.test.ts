import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { deviceNode, registerDevice, removeDeviceCommand, shownDevices } from './deviceHelpers';
import { freshStart, plexTvStatusWith, signedInAs, waitFor } from './helpers';
import { secretsIn } from '../harness/secretScanner';

// The stand-in keeps removals for the whole run: each test that removes a device uses its own
// account's seeded devices (alice's stay, for the listing tests and the other suites).

suite('Devices view and Remove Device', () => {
  test('lists the devices, this VS Code marked, most recently seen first, with product, platform and last seen', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const rows = await shownDevices(api);

    assert.deepEqual(
      rows.map((row) => row.label),
      [rows[0].label, "Alice's iPhone", 'Living Room TV'],
      'this VS Code (seen just now) first, then by last seen',
    );
    assert.equal(rows[0].contextValue, 'plex.device.current');
    assert.match(rows[0].description, /^This device · Plex for VS Code /);
    assert.deepEqual(
      rows.slice(1).map((row) => row.contextValue),
      ['plex.device', 'plex.device'],
    );
    assert.match(rows[2].description, /^Plex for LG 3\.13\.1 · webOS · .*\bago\b/);
    assert.match(rows[2].tooltip, /webOS 05\.30\.01/);
    const listed = await control.devices('alice');
    assert.deepEqual(
      rows.map((row) => row.id).sort(),
      listed.map((device) => `device:${device.id}`).sort(),
      'the view shows what plex.tv lists',
    );
  });

  test('one request however often the view repaints; Refresh Devices asks again', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await control.clearLog();
    await Promise.all([shownDevices(api), shownDevices(api)]);
    await shownDevices(api);
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['devices']);

    await vscode.commands.executeCommand('plex.refreshDevices');
    await shownDevices(api);
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['devices', 'devices']);
  });

  test('no device token reaches the view, a message, the clipboard or the stored secret', async () => {
    const { api, ui, control } = await freshStart();
    await vscode.env.clipboard.writeText('nothing secret');
    await signedInAs('alice', ui, control);
    const rows = await shownDevices(api);
    const shown = JSON.stringify({ rows, messages: ui.messages, questions: ui.questions });
    const stored = (await api.testing.readStoredSession()) ?? '';
    const clipboard = await vscode.env.clipboard.readText();
    const deviceTokens = await control.deviceTokens();
    assert.ok(deviceTokens.length >= 3, 'the stand-in handed out device tokens');
    const ownToken = JSON.parse(stored) as { token: string };
    const others = deviceTokens.filter((candidate) => candidate !== ownToken.token).map((value, index) => ({ label: `device token #${index}`, value }));
    assert.deepEqual(secretsIn(others, { shown, stored, clipboard }), [], 'a device token is shown, stored or on the clipboard');
    assert.deepEqual(secretsIn([{ label: 'the session token', value: ownToken.token }], { shown }), [], 'the session token is shown');
  });

  test('no device token reaches the Plex log, which records the device list and a removal', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const node = await registerDevice(control, 'alice', 'Log audit device');
    await vscode.commands.executeCommand('plex.refreshDevices');
    await shownDevices(api);
    ui.removeDeviceAnswers.push(true);
    await removeDeviceCommand(node);
    const logDir = join(dirname(process.env.CODE_SERVER_SESSION_SOCKET ?? ''), 'logs');
    let log = '';
    await waitFor('the Plex log to record the removal', () => {
      log = plexLogs(logDir);
      return /GET \S*\/devices\.xml 200/.test(log) && /DELETE \S*\/devices\/\d+\.xml 200/.test(log);
    });
    const deviceTokens = await control.deviceTokens();
    assert.ok(deviceTokens.length > 0);
    const secrets = deviceTokens.map((value, index) => ({ label: `device token #${index}`, value }));
    assert.deepEqual(secretsIn(secrets, { log }), [], 'a device token is in the log');
  });

  test('Remove Device: a confirmation naming the device, one request, gone from plex.tv and the view', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('bob', ui, control);
    const node = await deviceNode(api, 'Living Room TV');
    const tvToken = (await control.devices('bob')).find((device) => device.name === 'Living Room TV')?.token;
    assert.ok(tvToken);
    assert.equal(await plexTvStatusWith(tvToken), 200, 'its token works before');
    await control.clearLog();
    ui.removeDeviceAnswers.push(true);
    await removeDeviceCommand(node);

    assert.deepEqual(ui.questions, ['removeDevice:Living Room TV']);
    assert.deepEqual((await control.log()).map((entry) => `${entry.method} ${entry.route} ${entry.status}`), ['DELETE devices.remove 200']);
    assert.ok(!(await control.devices('bob')).some((device) => device.name === 'Living Room TV'), 'plex.tv no longer lists it');
    assert.ok(!(await shownDevices(api)).some((row) => row.label === 'Living Room TV'), 'the view no longer shows it');
    assert.equal((await control.log()).length, 1, 'the view updated without listing again');
    assert.deepEqual(ui.messages.map((shown) => shown.message), ['Living Room TV was removed from your Plex account.']);
    assert.equal(await plexTvStatusWith(tvToken), 401, 'its token stopped working');
    assert.equal(api.status, 'signedIn');
  });

  test('declining the confirmation removes nothing and sends nothing', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('bob', ui, control);
    const node = await deviceNode(api, "Bob's iPhone");
    await control.clearLog();
    ui.removeDeviceAnswers.push(false);
    await removeDeviceCommand(node);
    assert.deepEqual(await control.log(), []);
    assert.ok((await control.devices('bob')).some((device) => device.name === "Bob's iPhone"));
    assert.deepEqual(ui.messages, []);
  });

  test('a device removed elsewhere meanwhile: says so, and the view lists again', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('bob', ui, control);
    const node = await deviceNode(api, "Bob's iPhone");
    ui.removeDeviceAnswers.push(true, true);
    await removeDeviceCommand(node);
    ui.messages.length = 0;
    ui.questions.length = 0;
    await control.clearLog();
    // The row is stale: plex.tv is asked what it lists now, and no removal is sent for a device it does not list.
    await removeDeviceCommand(node);

    assert.deepEqual(
      ui.messages.map((shown) => `${shown.severity}: ${shown.message}`),
      ['error: That device is not on your Plex account (any more), so nothing was removed. The Devices view shows the devices Plex lists now.'],
    );
    assert.deepEqual(ui.questions, [], 'no confirmation for a device that is not listed');
    assert.ok(!(await shownDevices(api)).some((row) => row.label === "Bob's iPhone"));
    assert.deepEqual((await control.log()).map((entry) => `${entry.route} ${entry.status}`), ['devices 200']);
    assert.equal(api.status, 'signedIn');
  });

  test('removing this VS Code says it signs out first, then signs out here without a second revoke', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('carol', ui, control);
    const rows = await shownDevices(api);
    const current = rows.find((row) => row.contextValue === 'plex.device.current');
    assert.ok(current);
    const node = await deviceNode(api, current.label);
    await control.clearLog();
    ui.removeDeviceAnswers.push(true);
    await removeDeviceCommand(node);

    assert.deepEqual(ui.questions, [`removeDevice:${current.label}:this`]);
    await waitFor('signed out', () => api.status === 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined);
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['devices.remove'], 'no sign-out request: the removal revoked the token');
    assert.deepEqual(ui.messages.map((shown) => shown.message), ['Signed out of Plex.']);
    assert.equal(api.testing.activeProgress(), 0);
  });

  test('without a device (not from the view) it says where to choose one', async () => {
    const { ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await control.clearLog();
    await vscode.commands.executeCommand('plex.removeDevice');
    assert.deepEqual(ui.messages.map((shown) => shown.message), ['Choose the device to remove in the Devices view.']);
    assert.deepEqual(await control.log(), []);
  });

  test('a list that fails shows why in the view with Retry, and no notification; Retry lists again', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await control.addFault({ route: 'devices', fault: { kind: 'status', status: 500 } });
    const failed = await shownDevices(api);
    assert.deepEqual(
      failed.map((row) => [row.label, row.command]),
      [['Plex answered with an error (HTTP 500). Try again later.', 'plex.refreshDevices']],
    );
    assert.deepEqual(ui.messages, []);
    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.activeProgress(), 0, 'no spinner left in the view');

    await control.clearFaults();
    assert.equal((await shownDevices(api)).length, 1, 'a repaint shows the failure, without asking again');
    await vscode.commands.executeCommand('plex.refreshDevices');
    assert.ok((await shownDevices(api)).some((row) => row.label === 'Living Room TV'));
  });

  test('a list refused with 401: session expired, said once', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await control.addFault({ route: 'devices', fault: { kind: 'token-revoked' } });
    assert.deepEqual(await shownDevices(api), []);
    await waitFor('the session to expire', () => api.status === 'expired');
    assert.deepEqual(ui.errors(), ['Your Plex session has expired or was revoked. Sign in again to continue.']);
    assert.ok((await api.testing.readStoredSession()) !== undefined, 'the stored session stays until the user signs in again or out');
  });

  for (const [title, fault, message, name] of [
    ['503', { kind: 'status', status: 503 }, 'Plex answered with an error (HTTP 503). Try again later.', 'Living Room TV'],
    ['a reset connection', { kind: 'reset' }, 'Plex could not be reached. Check your connection.', "Carol's iPhone"],
  ] as const) {
    test(`Remove Device under ${title}: one clear message with Retry, nothing removed, no spinner; Retry removes it`, async () => {
      const { api, ui, control } = await freshStart();
      await signedInAs('carol', ui, control);
      const node = await deviceNode(api, name);
      const before = await api.testing.readStoredSession();
      await control.addFault({ route: 'devices.remove', fault });
      ui.removeDeviceAnswers.push(true);
      await removeDeviceCommand(node);

      assert.deepEqual(ui.messages.map((shown) => [shown.severity, shown.message, shown.actions]), [['error', message, ['Retry', 'Show Log']]]);
      assert.ok((await control.devices('carol')).some((device) => device.name === name), 'nothing removed');
      assert.ok((await shownDevices(api)).some((row) => row.label === name), 'still in the view');
      assert.equal(await api.testing.readStoredSession(), before);
      assert.equal(api.status, 'signedIn');
      assert.equal(api.testing.activeProgress(), 0);

      // Retry repeats the removal without asking again: the user confirmed it already.
      await control.clearFaults();
      await control.addFault({ route: 'devices.remove', fault, times: 1 });
      ui.messages.length = 0;
      ui.questions.length = 0;
      ui.messageAnswers.push('Retry');
      ui.removeDeviceAnswers.push(true);
      await removeDeviceCommand(node);
      await waitFor('the retried removal', async () => !(await control.devices('carol')).some((device) => device.name === name));
      assert.deepEqual(ui.questions, [`removeDevice:${name}`], 'one confirmation for the removal and its retry');
    });
  }

  test('Remove Device refused with 401: session expired, nothing removed', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const node = await deviceNode(api, 'Living Room TV');
    await control.addFault({ route: 'devices.remove', fault: { kind: 'token-revoked' } });
    ui.removeDeviceAnswers.push(true);
    await removeDeviceCommand(node);

    await waitFor('the session to expire', () => api.status === 'expired');
    assert.deepEqual(ui.errors(), ['Your Plex session has expired or was revoked. Sign in again to continue.']);
    assert.ok((await control.devices('alice')).some((device) => device.name === 'Living Room TV'));
    assert.equal(api.testing.activeProgress(), 0);
  });
});

/** Everything the "Plex" output channel wrote in this run: code-server keeps it under the user data's logs. */
function plexLogs(directory: string): string {
  let text = '';
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /Plex\.log$/.test(entry.name)) {
      text += readFileSync(join(entry.parentPath, entry.name), 'utf8');
    }
  }
  return text;
}
