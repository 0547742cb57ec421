import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { JWT_FAULTS } from '../standin/jwt/faults';
import type { StandInControl } from '../standin/controlClient';
import { waitFor } from './helpers';
import { secretsIn } from '../harness/secretScanner';
import { allSecrets, jwtOff, madeSecrets, jwtSignInWithToken, jwtStart, signedInWithJwt, storedDevice, storedDevices, storedJwtSession, type StoredJwtSession, type TestApi } from './jwtHelpers';
import type { ScriptedUi } from './scriptedUi';

/** A JWT session whose Plex JWT expires in a minute: due for renewal. */
async function dueForRenewal(): Promise<{ api: TestApi; ui: ScriptedUi; control: StandInControl; stored: StoredJwtSession }> {
  const { api, ui, control } = await jwtStart();
  await control.jwt.addFlaw('expires-soon');
  await jwtSignInWithToken('alice', ui, control);
  const stored = await signedInWithJwt(api, control);
  assert.ok((stored.jwt?.expiresAt ?? 0) - Date.now() / 1000 < 120, 'the JWT expires within two minutes');
  await control.clearLog();
  ui.messages.length = 0;
  return { api, ui, control, stored };
}

function problems(ui: ScriptedUi): string[] {
  return ui.messages.filter((shown) => shown.severity !== 'info').map((shown) => shown.message);
}

suite('JWT preview: renewal', () => {
  suiteTeardown(jwtOff);

  test('a fresh JWT is not due: no request', async () => {
    const { api, ui, control } = await jwtStart();
    await jwtSignInWithToken('alice', ui, control);
    await signedInWithJwt(api, control);
    await control.clearLog();
    assert.equal(await api.testing.renewJwtIfDue(), 'not-due');
    assert.deepEqual(await control.log(), []);
  });

  test('a JWT with less than a day left is renewed: stored, shown, and handed to other extensions', async () => {
    const { api, ui, control, stored } = await dueForRenewal();
    const changes: string[] = [];
    const subscription = vscode.authentication.onDidChangeSessions((event) => {
      if (event.provider.id === 'plex') {
        changes.push(event.provider.id);
      }
    });
    const tokenField = () => api.testing.accountFields().find((field) => field.label === 'Token')?.value;
    const shownBefore = tokenField();
    try {
      assert.equal(await api.testing.renewJwtIfDue(), 'renewed');
      assert.match(tokenField() ?? '', /^Plex JWT, renews automatically, valid until /);
      assert.notEqual(tokenField(), shownBefore, 'the Account view shows the new validity');
      const renewed = await signedInWithJwt(api, control);
      assert.notEqual(renewed.token, stored.token);
      assert.ok((renewed.jwt?.expiresAt ?? 0) - Date.now() / 1000 > 6.9 * 24 * 60 * 60, 'valid for 7 days again');
      assert.deepEqual(
        (await control.log()).map((entry) => entry.route).filter((route) => route !== 'jwt.keys'),
        ['jwt.nonce', 'jwt.token'],
      );
      assert.equal((await api.testing.authenticationSessions())[0]?.accessToken, renewed.token);
      await waitFor('the provider to announce the new token', () => changes.length > 0);
      assert.deepEqual(problems(ui), [], 'a renewal asks nothing and says nothing');
      assert.equal(await api.testing.renewJwtIfDue(), 'not-due');
    } finally {
      subscription.dispose();
    }
  });

  test('each JWT account has a device of its own: renewing one uses its own, signing out of the other forgets only that one', async () => {
    const { api, ui, control } = await jwtStart();
    await jwtSignInWithToken('alice', ui, control);
    const alice = await signedInWithJwt(api, control);
    await control.jwt.addFlaw('expires-soon');
    ui.tokens.push(await control.issueToken('bob'));
    ui.signInMethod = 'token';
    await vscode.commands.executeCommand('plex.addAccount');
    const bob = await signedInWithJwt(api, control);
    assert.equal(bob.account.username, 'bob');
    const devices = await storedDevices(api);
    const aliceDevice = devices[alice.account.uuid];
    const bobDevice = devices[bob.account.uuid];
    assert.ok(aliceDevice && bobDevice, 'a device for each account');
    assert.notEqual(aliceDevice.clientIdentifier, bobDevice.clientIdentifier);
    assert.notEqual(aliceDevice.key, bobDevice.key);

    await control.clearLog();
    assert.equal(await api.testing.renewJwtIfDue(), 'renewed', "bob's JWT renews with bob's device");
    const renewedAs = (await control.log()).filter((entry) => entry.route === 'jwt.token').map((entry) => entry.headers['x-plex-client-identifier']);
    assert.ok(renewedAs.length > 0 && renewedAs.every((identifier) => identifier === bobDevice.clientIdentifier), 'renewed as that device');
    assert.equal((await storedJwtSession(api))?.account.username, 'bob');

    await api.testing.removeAuthenticationSession(alice.account.uuid);
    assert.deepEqual(Object.keys(await storedDevices(api)), [bob.account.uuid], "alice's device is forgotten, bob's stays");
  });

  test('a device key stored before several accounts existed is the active account\'s: its JWT renews with it', async () => {
    const { api, ui, control } = await dueForRenewal();
    const device = await storedDevice(api);
    assert.ok(device);
    // Exactly what the single-account version wrote: JSON.stringify of one device.
    const before = JSON.stringify({ clientIdentifier: device.clientIdentifier, key: device.key });
    await api.testing.writeStoredDeviceKey(before);
    await control.clearLog();
    assert.equal(await api.testing.renewJwtIfDue(), 'renewed');
    assert.deepEqual(problems(ui), []);
    await signedInWithJwt(api, control);
    const renewedAs = (await control.log()).filter((entry) => entry.route === 'jwt.token').map((entry) => entry.headers['x-plex-client-identifier']);
    assert.ok(renewedAs.length > 0 && renewedAs.every((identifier) => identifier === device.clientIdentifier), 'renewed as that device');
    // Compared, never printed: the secret holds a private key.
    assert.ok((await api.testing.readStoredDeviceKey()) === before, 'read as it is: not rewritten');
  });

  test('429 on the nonce keeps the JWT in hand, quietly, and the next look renews', async () => {
    const { api, ui, control, stored } = await dueForRenewal();
    await control.addFault({ route: 'jwt.nonce', fault: JWT_FAULTS.rateLimited });
    assert.equal(await api.testing.renewJwtIfDue(), 'failed');
    assert.equal(api.status, 'signedIn');
    assert.equal((await storedJwtSession(api))?.token, stored.token);
    assert.deepEqual(problems(ui), []);
    await control.clearFaults();
    assert.equal(await api.testing.renewJwtIfDue(), 'renewed');
  });

  test('network trouble keeps the JWT in hand', async () => {
    const { api, ui, control, stored } = await dueForRenewal();
    await control.addFault({ route: 'jwt.token', fault: { kind: 'reset' } });
    assert.equal(await api.testing.renewJwtIfDue(), 'failed');
    assert.equal(api.status, 'signedIn');
    assert.equal((await storedJwtSession(api))?.token, stored.token);
    assert.deepEqual(problems(ui), []);
  });

  for (const [name, fault] of [
    ['498 token expired', JWT_FAULTS.expired],
    ['422 signature verification failed', JWT_FAULTS.signatureFailed],
    ['401', { kind: 'status', status: 401 }],
  ] as const) {
    test(`${name} from the exchange: the session is expired, with Sign In Again`, async () => {
      const { api, ui, control, stored } = await dueForRenewal();
      await control.addFault({ route: 'jwt.token', fault });
      assert.equal(await api.testing.renewJwtIfDue(), 'expired');
      assert.equal(api.status, 'expired');
      assert.equal((await storedJwtSession(api))?.token, stored.token, 'kept until the user signs in again or out');
      const shown = ui.messages.filter((message) => message.severity === 'error');
      assert.equal(shown.length, 1);
      assert.deepEqual(shown[0]?.actions, ['Sign In Again']);
      assert.equal(await api.testing.renewJwtIfDue(), 'not-signed-in', 'an expired session is not renewed again and again');
    });
  }

  test('a device revoked at plex.tv: expired, the key forgotten, and the next sign-in makes a new device', async () => {
    const { api, ui, control } = await dueForRenewal();
    const revoked = await storedDevice(api);
    assert.ok(revoked);
    await control.jwt.revokeDevice(revoked.clientIdentifier);
    assert.equal(await api.testing.renewJwtIfDue(), 'expired');
    assert.equal(api.status, 'expired');
    assert.deepEqual(ui.errors(), ["plex.tv no longer accepts this device's key. Sign in again to make a new one."]);
    assert.equal(await api.testing.readStoredDeviceKey(), undefined);

    await jwtSignInWithToken('alice', ui, control);
    await signedInWithJwt(api, control);
    assert.notEqual((await storedDevice(api))?.clientIdentifier, revoked.clientIdentifier);
  });

  test('a renewed JWT that fails the checks is not stored; the JWT in hand stays', async () => {
    const { api, ui, control, stored } = await dueForRenewal();
    await control.jwt.addFlaw('wrong-thumbprint');
    assert.equal(await api.testing.renewJwtIfDue(), 'failed');
    assert.equal(api.status, 'signedIn');
    assert.equal((await storedJwtSession(api))?.token, stored.token);
    assert.equal(problems(ui).length, 1);
    assert.match(problems(ui)[0] ?? '', /did not pass its checks \(wrong-thumbprint\)/);
  });

  test('another window renewing: this one leaves it to that window, whose JWT arrives through the shared secret', async () => {
    const { api, control, stored } = await dueForRenewal();
    await api.testing.setJwtRenewalClaim(Date.now());
    assert.equal(await api.testing.renewJwtIfDue(), 'renewing-elsewhere');
    assert.deepEqual(await control.log(), []);

    // That window stores its renewed session (a token plex.tv accepts, valid for a week): this window
    // hands it out and finds nothing left to renew.
    const renewedThere = { ...stored, token: await control.issueToken('alice'), jwt: { expiresAt: Math.floor(Date.now() / 1000) + 7 * 24 * 60 * 60 } };
    await api.testing.writeStoredSessionAsAnotherWindow(JSON.stringify(renewedThere));
    await waitFor('the renewed token to arrive', async () => (await api.testing.authenticationSessions())[0]?.accessToken === renewedThere.token);
    assert.equal(await api.testing.renewJwtIfDue(), 'not-due');

    // Had that window gone away before renewing, its claim lapses and this window renews.
    await api.testing.writeStoredSessionAsAnotherWindow(JSON.stringify(stored));
    await waitFor('the due session back', async () => (await api.testing.authenticationSessions())[0]?.accessToken === stored.token);
    await api.testing.setJwtRenewalClaim(Date.now() - 10 * 60 * 1000);
    assert.equal(await api.testing.renewJwtIfDue(), 'renewed', 'the claim of a window that went away lapses');
  });

  test('two looks at once in one window share one renewal', async () => {
    const { api, control } = await dueForRenewal();
    const first = api.testing.renewJwtIfDue();
    const second = api.testing.renewJwtIfDue();
    assert.equal(await first, 'renewed');
    assert.equal(await second, 'renewed', 'one renewal at a time in a window: the second joins the first');
    assert.equal((await control.log()).filter((entry) => entry.route === 'jwt.token').length, 1);
  });

  test('secret audit: no Plex JWT, device JWT or private key in a message or the log', async () => {
    const { api, ui, control } = await dueForRenewal();
    await control.jwt.addFlaw('wrong-audience');
    assert.equal(await api.testing.renewJwtIfDue(), 'failed');
    assert.equal(await api.testing.renewJwtIfDue(), 'renewed');
    await vscode.commands.executeCommand('plex.refresh');
    await waitFor('the renewal in the log file', async () => (await api.testing.logText()).includes('JWT renewal: plex.tv issued a new Plex JWT'));
    const secrets = await allSecrets(api, control);
    assert.ok((await control.jwt.deviceJwts()).length >= 3, 'device JWTs were signed and sent');
    assert.ok((await madeSecrets(api, control)).length >= 6, 'the audit has something to look for');
    const texts = { log: await api.testing.logText(), messages: JSON.stringify(ui.messages) };
    assert.deepEqual(secretsIn(secrets, texts), [], 'no secret in the log or a message');
  });

  test('sign-out confirmed after a renewal replaced the JWT: signed out, the device key deleted, plex.tv asked to revoke', async () => {
    const { api, ui, control } = await dueForRenewal();
    let confirm: (yes: boolean) => void = () => undefined;
    ui.confirmSignOutAnswer = new Promise<boolean>((resolve) => (confirm = resolve));
    const signingOut = Promise.resolve(vscode.commands.executeCommand('plex.signOut'));
    await waitFor('the confirmation to be open', () => ui.questions.includes('confirmSignOut'));
    assert.equal(await api.testing.renewJwtIfDue(), 'renewed');
    confirm(true);
    await signingOut;

    assert.equal(api.status, 'signedOut');
    assert.equal(await api.testing.readStoredSession(), undefined, 'the session is deleted');
    assert.equal(await api.testing.readStoredDeviceKey(), undefined, 'the device key is deleted');
    assert.ok((await control.log()).some((entry) => entry.route === 'signout'), 'plex.tv was asked to revoke');
    assert.ok(ui.messages.some((shown) => shown.message === 'Signed out of Plex.'));
  });

  test('a live claim countdown survives a renewal; a sign-out still ends it', async () => {
    const { api, ui, control } = await dueForRenewal();
    await vscode.commands.executeCommand('plex.copyClaimToken');
    const claim = await vscode.env.clipboard.readText();
    assert.match(api.testing.claimCountdown().text ?? '', /Claim token/);
    assert.equal(await api.testing.renewJwtIfDue(), 'renewed');
    assert.match(api.testing.claimCountdown().text ?? '', /Claim token/, 'the countdown goes on');
    assert.equal(await vscode.env.clipboard.readText(), claim, 'the claim token stays on the clipboard');
    ui.confirmSignOutAnswer = true;
    await vscode.commands.executeCommand('plex.signOut');
    await waitFor('the countdown to end', () => api.testing.claimCountdown().text === undefined);
    assert.ok((await control.log()).some((entry) => entry.route === 'claim.token'));
  });

  test('the server list plex.tv sends while the JWT is renewed is kept, not dropped', async () => {
    const { api, control } = await dueForRenewal();
    await control.addFault({ route: 'resources', fault: { kind: 'slow', delayMs: 800 }, times: 1 });
    const listing = api.testing.serverTreeItems();
    await waitFor('the server list request', async () => (await control.log()).some((entry) => entry.route === 'resources'));
    assert.equal(await api.testing.renewJwtIfDue(), 'renewed');
    const items = await listing;
    assert.ok(items.length > 0);
    assert.ok((api.testing.cachedServerNames() ?? []).length > 0, 'the list is kept for the renewed session');
    await control.clearLog();
    await api.testing.serverTreeItems();
    assert.deepEqual((await control.log()).map((entry) => entry.route), [], 'no second request for the same session');
  });
});
