import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { accountSecrets } from '../harness/accountSecrets';
import { describeHits, SecretScanner, type Secret, type SecretHit } from '../harness/secretScanner';
import { waitFor } from '../harness/waitFor';
import { DEMO_ACCOUNTS } from '../standin/accounts';
import {
  answerDialog,
  answerQuickInput,
  clearNotifications,
  clickNotificationButton,
  clickWelcomeButton,
  pickQuickItem,
  runCommand,
  waitForClipboard,
  waitForNotification,
  waitForStatusBarItem,
  waitForReturnToWorkbench,
  clickActivityBarItem,
  approveBrowserSignIn,
  clickTreeRow,
  clickTreeRowAction,
  expandViewPane,
  setBooleanSetting,
  waitForTreeRow,
  waitForWorkbench,
  showViewContainer,
} from './ui';
import { extensionSecret, readSealedSecrets } from './sealedSecrets';
import { dumpBrowserStorage } from './browserStorage';
import { useWorkbench } from './workbench';

// Secret hygiene: after a whole session (three accounts, each signed in another way, a switch to a
// PIN-protected Home user, a switch of account, transient tokens, source connection information,
// the account tools, a JWT sign-in and its renewal), no secret the stand-in issued or received
// (account, transient, device and claim tokens, device JWTs, Plex JWTs), no password, two-factor
// code or Home PIN of the demo accounts, and not the JWT device key's private part may appear
// anywhere the session wrote, except sealed inside VS Code's secret storage. The scanner
// (test/harness/secretScanner.ts) also
// looks for each secret encoded (base64, base64url, URL, JSON, hex) and split at line ends.

suite('Secret hygiene audit', () => {
  const workbench = useWorkbench();
  const captured: string[] = [];
  /** The JWT device key's private part, read from the sealed store by the test before the audit. */
  let deviceKeySecret: string | undefined;
  const writes = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };

  /** The installed extension's own files as installed, before the session: shipped, not written by it. */
  let shipped = new Map<string, string>();

  suiteSetup(() => {
    shipped = fileDigests(workbench.codeServer.extensionsDir);
    // Everything this test process prints is part of what the session wrote.
    for (const stream of ['stdout', 'stderr'] as const) {
      process[stream].write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return writes[stream](chunk, ...rest);
      }) as typeof process.stdout.write;
    }
  });

  suiteTeardown(() => {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  });

  test('a full session: three accounts signed in by browser, password with 2FA and token, a Home PIN, a switch, tokens copied, account tools, a JWT sign-in renewed', async function () {
    this.timeout(300_000);
    const { page, context } = workbench;
    await clickActivityBarItem(page, 'Plex');

    // Browser sign-in as alice, then a transient token and the source connection information.
    await clickWelcomeButton(page, 'Account', 'Sign In with Browser');
    const approvalPage = context.waitForEvent('page', { timeout: 15_000 });
    await answerDialog(page, 'Open');
    const approval: Page = await approvalPage;
    await approval.getByRole('button', { name: 'Sign in as alice' }).click();
    await waitForReturnToWorkbench(approval);
    await approval.close();
    await waitForStatusBarItem(page, 'alice', 20_000);

    await runCommand(page, 'Plex: Copy Transient Token');
    await pickQuickItem(page, "Alice's Library");
    await waitForClipboard(page, (text) => text.startsWith('transient-'), 'a transient token');

    await clearNotifications(page);
    await runCommand(page, 'Plex: Show Source Connection Information');
    await pickQuickItem(page, "Alice's Cloud");
    await clickNotificationButton(page, 'Source connection information for', 'Copy Access Token');
    await waitForNotification(page, "Access token for Alice's Cloud copied.");

    // Test Connections: token-less probes of every address, one request with the token to the best.
    await clearNotifications(page);
    await runCommand(page, 'Plex: Test Connections');
    await pickQuickItem(page, "Alice's Library");
    await waitForNotification(page, /connections of Alice's Library answered/);

    // A switch to Dana, who has a Home PIN.
    await clickTreeRow(page, /^Dana/, 'Plex Home');
    await answerQuickInput(page, '1234', { prompt: 'Plex Home PIN of Dana' });
    await waitForStatusBarItem(page, 'alice → Dana', 20_000);

    // Password with a two-factor code as bob, added beside alice (who stays signed in as Dana).
    await runCommand(page, 'Plex: Sign In to Another Account');
    await pickQuickItem(page, /Sign in with email and password/);
    await answerQuickInput(page, 'bob', { prompt: 'email address or username' });
    await answerQuickInput(page, 'bob-password', { prompt: 'password' });
    await answerQuickInput(page, '123456', { prompt: '6-digit code' });
    await waitForStatusBarItem(page, 'bob', 20_000);

    // An existing token as carol, a third account, then the account tools: the device list (other
    // devices' tokens arrive with it), a claim token, a link code, the account token, a device removed.
    await runCommand(page, 'Plex: Sign In with Token');
    await pickQuickItem(page, /Add another Plex account/);
    await answerQuickInput(page, workbench.standIn.issueToken('carol'), { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'carol', 20_000);
    await expandViewPane(page, 'Devices');
    await waitForTreeRow(page, /Living Room TV/, 'Devices');
    await clearNotifications(page);
    await runCommand(page, 'Plex: Copy Claim Token');
    await waitForClipboard(page, (text) => text.startsWith('claim-'), 'a claim token');
    await runCommand(page, 'Plex: Link a Device');
    await answerQuickInput(page, workbench.standIn.createLinkCode().code, { prompt: 'The 4-character code' });
    await waitForNotification(page, 'Device linked');
    await runCommand(page, 'Plex: Copy Account Token');
    await answerDialog(page, 'Copy Account Token');
    await waitForNotification(page, 'Account token for carol copied');
    await clickTreeRowAction(page, /^Living Room TV/, 'Remove Device', 'Devices');
    await answerDialog(page, 'Remove Device');
    await waitForNotification(page, 'Living Room TV was removed from your Plex account.');

    // Back to alice (still acting as Dana), without a request.
    await runCommand(page, 'Plex: Switch Account');
    await pickQuickItem(page, /alice/);
    await waitForStatusBarItem(page, 'alice → Dana', 20_000);

    // The JWT preview, turned on while signed in: its offer to sign in again, a browser sign-in
    // as alice that gets a JWT due for renewal, renewed when the reloaded window's command code
    // loads, and a transient token with the renewed JWT. Stays signed in with all three accounts,
    // so their tokens, the device key and the live JWT are in the store at audit time.
    await clearNotifications(page);
    workbench.standIn.jwt.addFlaw('expires-soon');
    await setBooleanSetting(page, 'plex.jwt.enabled', 'Plex › Jwt: Enabled', true);
    await clickNotificationButton(page, 'The Plex JWT preview is on', 'Sign In Again');
    await pickQuickItem(page, /Sign in with browser/);
    await approveBrowserSignIn(page, context, 'alice');
    await waitForStatusBarItem(page, 'alice', 20_000);
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page);
    // The palette lists the commands registered when it opens: wait for the extension first.
    await waitForStatusBarItem(page, 'alice', 45_000);
    await showViewContainer(page, 'Plex');
    await waitFor(() => workbench.standIn.jwt.plexJwts().length >= 2, { description: 'the Plex JWT renewed', timeoutMs: 45_000 });
    await runCommand(page, 'Plex: Copy Transient Token');
    await pickQuickItem(page, "Alice's Library");
    await waitForClipboard(page, (text) => text.startsWith('transient-'), 'a transient token');
    await runCommand(page, 'Plex: Show Log');
  });

  test('the device key lives in the sealed secret store, with the live Plex JWT', async () => {
    const { page, codeServer, standIn } = workbench;
    const store = await readSealedSecrets(page, codeServer.origin);
    const session = extensionSecret(store, 'plex.session');
    const liveJwt = standIn.jwt.plexJwts().at(-1);
    assert.ok(session !== undefined && liveJwt !== undefined && session.includes(liveJwt), 'the store holds the session with the renewed JWT');
    const accounts = JSON.parse(session) as { account: { username: string }; otherAccounts?: { account: { username: string } }[] };
    assert.deepEqual(
      [accounts.account.username, ...(accounts.otherAccounts ?? []).map((other) => other.account.username)].sort(),
      ['alice', 'bob', 'carol'],
      'the one session secret holds the three accounts',
    );
    const device = extensionSecret(store, 'plex.deviceKey');
    assert.ok(device !== undefined, 'the store holds the device key');
    const devices = Object.values((JSON.parse(device) as { devices: Record<string, { key: string }> }).devices);
    assert.equal(devices.length, 1, 'one device: alice is the only account with a Plex JWT');
    const key: unknown = JSON.parse(devices[0]?.key ?? '');
    const { d, x } = key as { d?: unknown; x?: unknown };
    assert.ok(typeof d === 'string' && typeof x === 'string', 'the device key is a private JWK');
    const kid = createHash('sha256')
      .update(Buffer.concat([Buffer.from(d, 'base64url'), Buffer.from(x, 'base64url')]))
      .digest('hex');
    assert.ok(
      standIn.jwt.state().registeredKeys.some((registered) => registered.kid === kid),
      'the key read is the one plex.tv has registered for this device',
    );
    deviceKeySecret = d;
  });

  test('no secret, in any encoding, appears in user data, extensions, workspace, browser storage, console or code-server output', async () => {
    const { page, codeServer, standIn } = workbench;
    assert.ok(deviceKeySecret !== undefined, 'the device key was read from the sealed store');
    const raw = Buffer.from(deviceKeySecret, 'base64url');
    const named: { kind: string; values: readonly string[] }[] = [
      { kind: 'issued token', values: standIn.issuedTokens() },
      { kind: 'device token', values: standIn.deviceTokens() },
      { kind: 'claim token', values: standIn.claimTokens().map((claim) => claim.token) },
      { kind: 'device JWT', values: standIn.jwt.deviceJwts() },
      { kind: 'Plex JWT', values: standIn.jwt.plexJwts() },
      // The private key d as the JWK holds it; the scanner adds its encodings. Its raw bytes in
      // base64 and hex are other strings, the forms code could print the key in.
      { kind: 'device key d', values: [deviceKeySecret, raw.toString('base64'), raw.toString('hex')] },
    ];
    const counts = named.map(({ kind, values }) => `${kind}: ${values.length}`).join(', ');
    const atLeast: Record<string, number> = { 'issued token': 7, 'device token': 6, 'claim token': 1, 'device JWT': 2, 'Plex JWT': 2 };
    for (const { kind, values } of named) {
      assert.ok(values.length >= (atLeast[kind] ?? 1), `the session met every kind of secret (${counts})`);
    }
    const secrets: Secret[] = [
      ...named.flatMap(({ kind, values }) => values.map((value, index) => ({ label: `${kind} #${index}`, value }))),
      ...accountSecrets(DEMO_ACCOUNTS),
    ];
    const scanner = new SecretScanner(secrets);

    const storage = await dumpBrowserStorage(page);
    const outputBytes = codeServer.outputFiles.reduce((total, file) => total + statSync(file).size, 0);
    const started = Date.now();
    const hits: SecretHit[] = [
      ...scanner.scanDirectory(codeServer.userDataDir),
      // The packaged README names the demo accounts' passwords; the 2FA box's placeholder is 123456.
      ...scanner.scanDirectory(codeServer.extensionsDir, (file) => shipped.get(file) !== fileDigest(file)),
      ...scanner.scanDirectory(codeServer.workspaceFolder),
      ...Object.entries(storage).flatMap(([where, text]) => scanner.scanText(where, text)),
      ...scanner.scanText('this test process output', captured.join('')),
      ...codeServer.outputFiles.flatMap((file) => scanner.scanBytes(`code-server output ${file}`, readFileSync(file))),
    ];
    console.log(`      audited ${secrets.length} secrets in ${scanner.scannedCharacters} characters (${outputBytes} bytes of code-server output) in ${Date.now() - started} ms`);
    assert.ok(Object.keys(storage).length > 0, 'the browser storage was read');
    assert.ok(outputBytes > 0, "code-server's output was kept");
    assert.ok(shipped.size > 0, 'the installed extension was found');
    assert.deepEqual(describeHits(hits), [], 'secrets found outside the secret store');
  });
});

function fileDigest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function fileDigests(root: string): Map<string, string> {
  return new Map(readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => {
    const file = join(entry.parentPath, entry.name);
    return [file, fileDigest(file)];
  }));
}
