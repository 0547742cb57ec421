import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
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
  waitVisible,
  clickActivityBarItem,
} from './ui';
import { dumpBrowserStorage, scanDirectory, scanText, type SecretHit } from './secretScan';
import { useWorkbench } from './workbench';

// Issue 5, secret hygiene: after a whole session (each sign-in way, transient tokens, source
// connection information, sign-outs), no token the stand-in issued may appear anywhere the
// session wrote, except sealed inside VS Code's secret storage.
suite('Secret hygiene audit', () => {
  const workbench = useWorkbench();
  const captured: string[] = [];
  const writes = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };

  suiteSetup(() => {
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

  test('the scanner finds a planted token (so a clean result means something)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plex-secret-scan-'));
    try {
      writeFileSync(join(dir, 'state.json'), JSON.stringify({ note: 'x', token: 'planted-secret-123' }));
      writeFileSync(join(dir, 'wide.bin'), Buffer.from('planted-secret-123', 'utf16le'));
      const hits = scanDirectory(dir, ['other', 'planted-secret-123']);
      assert.deepEqual(hits.map((hit) => [hit.where.slice(dir.length), hit.secretIndex]), [
        ['/state.json', 1],
        ['/wide.bin', 1],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a full session: browser, password with 2FA and token sign-ins, tokens copied, signed out', async function () {
    this.timeout(180_000);
    const { page, context } = workbench;
    await clickActivityBarItem(page, 'Plex');

    // Browser sign-in as alice, then a transient token and the source connection information.
    await clickWelcomeButton(page, 'Account', 'Sign In with Browser');
    const approvalPage = context.waitForEvent('page', { timeout: 15_000 });
    await answerDialog(page, 'Open');
    const approval: Page = await approvalPage;
    await approval.getByRole('button', { name: 'Sign in as alice' }).click();
    await waitVisible(approval.getByText('Approved, you can close this tab'), 'the approval confirmation');
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
    await signOut(page);

    // Password with a two-factor code as bob.
    await clickWelcomeButton(page, 'Account', 'Sign In with Email and Password');
    await answerQuickInput(page, 'bob', { prompt: 'email address or username' });
    await answerQuickInput(page, 'bob-password', { prompt: 'password' });
    await answerQuickInput(page, '123456', { prompt: '6-digit code' });
    await waitForStatusBarItem(page, 'bob', 20_000);
    await signOut(page);

    // An existing token as carol; stays signed in, so the live token is in the store at audit time.
    await runCommand(page, 'Plex: Sign In with Token');
    await answerQuickInput(page, workbench.standIn.issueToken('carol'), { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'carol', 20_000);
    await runCommand(page, 'Plex: Show Log');
  });

  test('no issued token appears in user data, extensions, workspace, browser storage or console output', async () => {
    const { page, codeServer, standIn } = workbench;
    const secrets = standIn.issuedTokens();
    assert.ok(secrets.length >= 6, `the session used several tokens (${secrets.length})`);

    const storage = await dumpBrowserStorage(page);
    const hits: SecretHit[] = [
      ...scanDirectory(codeServer.userDataDir, secrets),
      ...scanDirectory(codeServer.extensionsDir, secrets),
      ...scanDirectory(codeServer.workspaceFolder, secrets),
      ...Object.entries(storage).flatMap(([where, text]) => scanText(where, text, secrets)),
      ...scanText('this test process output', captured.join(''), secrets),
      ...scanText('code-server output', codeServer.recentOutput().join('\n'), secrets),
    ];
    assert.ok(Object.keys(storage).length > 0, 'the browser storage was read');
    assert.deepEqual(
      hits.map((hit) => `token #${hit.secretIndex} in ${hit.where}`),
      [],
      'tokens found outside the secret store',
    );
  });
});

async function signOut(page: Page): Promise<void> {
  await runCommand(page, 'Plex: Sign Out');
  await answerDialog(page, 'Sign Out');
  await waitForStatusBarItem(page, 'Sign in to Plex');
}
