import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../harness/waitFor';
import {
  answerDialog,
  approveBrowserSignIn,
  clearNotifications,
  clickActivityBarItem,
  collapseViewPane,
  clickWelcomeButton,
  notificationTexts,
  pickQuickItem,
  runCommand,
  saveScreenshot,
  setBooleanSetting,
  treeRowTexts,
  waitForClipboard,
  waitForNotification,
  waitForStatusBarItem,
  waitForTreeRow,
  widenSideBar,
} from './ui';
import { extensionSecret, readSealedSecrets } from './sealedSecrets';
import { useWorkbench } from './workbench';


/** The Account view's Token row for a Plex JWT that expires at `exp` (epoch seconds), as the extension formats it. */
function jwtTokenRow(exp: number): string {
  const until = new Date(exp * 1000).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
  return `Token Plex JWT, renews automatically, valid until ${until}`;
}

function expiryOf(jwt: string): number {
  const payload: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  const exp = (payload as { exp?: unknown }).exp;
  assert.equal(typeof exp, 'number', 'the Plex JWT carries exp');
  return exp as number;
}

// The JWT preview through the packaged extension: turned on in the Settings editor, a browser
// sign-in gets a Plex JWT, a transient token works with it, and a JWT close to expiry renews
// itself in the background (the first hourly look, a minute after start-up) while the Account
// view follows, without a prompt; sign-out leaves neither the JWT nor the device key behind.
suite('Journeys: JWT preview', () => {
  const workbench = useWorkbench();
  /** About when the extension started (the workbench was up): its first look comes a minute later. */
  let startedAt = 0;
  suiteSetup(() => {
    startedAt = Date.now();
  });

  test('turn the preview on in the Settings editor', async () => {
    const { page, codeServer } = workbench;
    await setBooleanSetting(page, 'plex.jwt.enabled', 'Plex › Jwt: Enabled', true);
    const settingsFile = join(codeServer.userDataDir, 'User', 'settings.json');
    await waitFor(() => (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)['plex.jwt.enabled'] === true, {
      description: 'plex.jwt.enabled: true in the user settings',
      timeoutMs: 10_000,
    });
  });

  test('browser sign-in gets a Plex JWT; the Account view shows it and until when it is valid', async () => {
    const { page, context, standIn } = workbench;
    // A JWT that expires a minute after issue is due for renewal at once (less than a day left).
    standIn.jwt.addFlaw('expires-soon');
    await clickActivityBarItem(page, 'Plex');
    await clickWelcomeButton(page, 'Account', 'Sign In with Browser');
    await approveBrowserSignIn(page, context, 'alice');
    await waitForStatusBarItem(page, 'alice', 20_000);
    await waitForNotification(page, 'Signed in to Plex as alice.');
    assert.ok(Date.now() - startedAt < 50_000, 'signed in before the first look (a minute after start-up), so that look finds the JWT due');
    const [jwt] = standIn.jwt.plexJwts();
    assert.ok(jwt !== undefined, 'plex.tv issued a Plex JWT');
    assert.ok(standIn.log().some((entry) => entry.route === 'jwt.pins.create'), 'the PIN carried the device key');
    // The Token row is the Account view's last: room for it.
    await collapseViewPane(page, 'Servers');
    await collapseViewPane(page, 'Plex Home');
    await widenSideBar(page, 260);
    await waitForTreeRow(page, 'Plex JWT, renews automatically', 'Account');
    const rows = await treeRowTexts(page, 'Account');
    assert.ok(rows.includes(jwtTokenRow(expiryOf(jwt))), `the Account view shows the JWT's expiry: ${JSON.stringify(rows)}`);
    assert.ok(!rows.some((row) => row.startsWith('Token expires')), 'no classic-token expiry row');
  });

  test('Copy Transient Token works with the Plex JWT: the server gets its access token from plex.tv, not the JWT', async () => {
    const { page, standIn } = workbench;
    // Plex servers are reported to refuse Plex JWTs, and so do the stand-in's: the server is asked
    // with the access token /api/v2/resources lists for it.
    assert.equal(standIn.jwt.state().serversRefuseJwt, true);
    await clearNotifications(page);
    await runCommand(page, 'Plex: Copy Transient Token');
    await pickQuickItem(page, "Alice's Library");
    await waitForNotification(page, /^Transient token for Alice's Library copied/);
    const copied = await waitForClipboard(page, (text) => text.startsWith('transient-'), 'a transient token');
    assert.ok(standIn.issuedTokens().includes(copied), 'the stand-in issued the copied token');
  });

  test('the JWT renews itself in the background and the Account view follows, without a prompt', async function () {
    // The first look comes a minute after start-up; the JWT in hand was issued after start-up,
    // so the look finds it due and still valid.
    this.timeout(150_000);
    const { page, standIn } = workbench;
    await clearNotifications(page);
    const renewed = await waitFor(() => standIn.jwt.plexJwts()[1], { description: 'plex.tv to issue a renewed Plex JWT', timeoutMs: 120_000 });
    const routes = standIn.log().map((entry) => entry.route);
    assert.ok(routes.includes('jwt.nonce') && routes.includes('jwt.token'), 'renewed by nonce and exchange');
    const expected = jwtTokenRow(expiryOf(renewed));
    await waitForTreeRow(page, expected.replace(/^Token /, ''), 'Account', 20_000);
    assert.ok(expiryOf(renewed) * 1000 - Date.now() > 6 * 24 * 3600 * 1000, 'the renewed JWT is valid for days');
    assert.deepEqual(await notificationTexts(page), [], 'no notification');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no dialog');
    await waitForStatusBarItem(page, /^\s*alice\s*$/);
    await saveScreenshot(page, 'jwt-renewed');
  });

  test('sign-out revokes the JWT and forgets the device key: the secret store keeps neither', async () => {
    const { page, codeServer, standIn } = workbench;
    const before = await readSealedSecrets(page, codeServer.origin);
    assert.ok(extensionSecret(before, 'plex.deviceKey') !== undefined, 'signed in, the device key is in the store');
    await runCommand(page, 'Plex: Sign Out');
    await answerDialog(page, 'Sign Out');
    await waitForStatusBarItem(page, 'Sign in to Plex');
    assert.ok(standIn.log().some((entry) => entry.route === 'signout' && entry.status < 300), 'the JWT was revoked at plex.tv');
    await waitFor(
      async () => {
        const after = await readSealedSecrets(page, codeServer.origin);
        return extensionSecret(after, 'plex.deviceKey') === undefined && extensionSecret(after, 'plex.session') === undefined;
      },
      { description: 'the device key and the session to leave the secret store', timeoutMs: 10_000 },
    );
  });
});
