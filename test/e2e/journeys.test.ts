import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  answerDialog,
  answerQuickInput,
  clearNotifications,
  clickActivityBarItem,
  clickTreeRow,
  clickTreeRowAction,
  clickWelcomeButton,
  commandPaletteTitles,
  pickQuickItem,
  runCommand,
  saveScreenshot,
  scrollToTreeRow,
  treeRowTexts,
  waitForClipboard,
  waitForNotification,
  waitForStatusBarItem,
  waitForTreeRow,
  waitForReturnToWorkbench,
  waitHidden,
  waitVisible,
} from './ui';
import { useWorkbench } from './workbench';

// A person's main paths through the packaged extension, in order: each test starts where the
// previous one left off, as a real session would. The README's screenshots come from here.
suite('Journeys: sign in, look around, copy a token, sign out', () => {
  const workbench = useWorkbench();

  test('signed out: the Plex side bar offers the three ways to sign in', async () => {
    const { page } = workbench;
    await clickActivityBarItem(page, 'Plex');
    await waitVisible(page.getByRole('button', { name: 'Sign In with Browser' }), 'the welcome view');
    await waitForStatusBarItem(page, 'Sign in to Plex');
    await saveScreenshot(page, 'signed-out');
  });

  test('sign in with the browser: approve on the Plex page, the account appears', async () => {
    const { page, context } = workbench;
    await clickWelcomeButton(page, 'Account', 'Sign In with Browser');
    await waitForNotification(page, 'Waiting for you to approve in the browser');
    await waitForStatusBarItem(page, 'Signing in to Plex');
    await saveScreenshot(page, 'signing-in');

    const approvalPage = context.waitForEvent('page', { timeout: 15_000 });
    await answerDialog(page, 'Open');
    const approval: Page = await approvalPage;
    await approval.getByRole('button', { name: 'Sign in as alice' }).click();
    await waitForReturnToWorkbench(approval);
    await approval.close();

    await waitForStatusBarItem(page, 'alice', 20_000);
    await waitForNotification(page, 'Signed in to Plex as alice.');
    await waitForTreeRow(page, /Username\s*alice/, 'Account');
    const rows = await treeRowTexts(page, 'Account');
    assert.ok(rows.includes('Email alice@example.com'), `the account view shows the email: ${JSON.stringify(rows)}`);
    await scrollToTreeRow(page, /Two-factor authentication\s*Off/, 'Account');
    await saveScreenshot(page, 'signed-in');
  });

  test('the Servers view lists the servers and their connections', async () => {
    const { page } = workbench;
    await clickTreeRow(page, "Alice's Library", 'Servers');
    await waitForTreeRow(page, /local · http/, 'Servers');
    const rows = await treeRowTexts(page, 'Servers');
    assert.ok(rows.some((row) => row.startsWith("Alice's Cloud")), JSON.stringify(rows));
    assert.ok(rows.some((row) => row.includes('remote · https')), JSON.stringify(rows));
    await saveScreenshot(page, 'servers-expanded');
  });

  test('Copy Transient Token on a server puts a fresh token on the clipboard', async () => {
    const { page, standIn } = workbench;
    await clearNotifications(page);
    await clickTreeRowAction(page, "Alice's Library", 'Copy Transient Token', 'Servers');
    await waitForNotification(page, "Transient token for Alice's Library copied; valid up to 48 hours; clipboard clears in 60 s.");
    await waitHidden(page.locator('.notification-toast', { hasText: 'Contacting' }), 'the progress notification');
    const copied = await waitForClipboard(page, (text) => text.startsWith('transient-'), 'a transient token');
    assert.ok(standIn.issuedTokens().includes(copied), 'the stand-in issued the copied token');
    await saveScreenshot(page, 'token-copied');
  });

  test('Test Connections on a server: each address gets its result, the server row its best address', async () => {
    const { page } = workbench;
    await clearNotifications(page);
    await clickTreeRowAction(page, "Alice's Library", 'Test Connections', 'Servers');
    await waitForNotification(page, /1 of 2 connections of Alice's Library answered; the best is http:\/\/127\.0\.0\.1:\d+ \(\d+ ms\)\. Your token works there\./);
    await waitForTreeRow(page, /refused · remote · https/, 'Servers');
    await waitForTreeRow(page, /best · \d+ ms · local · http/, 'Servers');
    await waitForTreeRow(page, /Alice's Library.*127\.0\.0\.1:\d+ · \d+ ms/, 'Servers');
    await saveScreenshot(page, 'connection-doctor');
  });

  test('sign out from the status bar menu: confirm, and the views go back to signed out', async () => {
    const { page, standIn } = workbench;
    await (await waitForStatusBarItem(page, 'alice')).click();
    await pickQuickItem(page, /Sign Out/);
    await answerDialog(page, 'Sign Out');
    await waitForStatusBarItem(page, 'Sign in to Plex');
    await waitVisible(page.getByRole('button', { name: 'Sign In with Browser' }), 'the welcome view again');
    assert.ok(standIn.log().some((entry) => entry.route === 'signout'), 'the token was revoked at plex.tv');
  });

  test('email and password with a two-factor code', async () => {
    const { page } = workbench;
    await clickWelcomeButton(page, 'Account', 'Sign In with Email and Password');
    await answerQuickInput(page, 'bob@example.com', { prompt: 'email address or username' });
    await answerQuickInput(page, 'bob-password', { prompt: 'password' });
    await answerQuickInput(page, '123456', { prompt: '6-digit code' });
    await waitForStatusBarItem(page, 'bob', 20_000);
    await waitForTreeRow(page, /Two-factor authentication\s*On/, 'Account');
  });

  test('an existing token, then a revoked token shows "session expired" with Sign In Again', async () => {
    const { page, standIn } = workbench;
    await runCommand(page, 'Plex: Sign In with Token');
    // Signed in as bob: the sign-in asks whether to add an account or sign in again instead of bob.
    await pickQuickItem(page, /Sign in again as bob/);
    const token = standIn.issueToken('carol');
    await answerQuickInput(page, token, { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'carol', 20_000);
    await waitForTreeRow(page, /Subscription\s*Plex Pass/, 'Account');

    standIn.revokeToken(token);
    // Toasts from the earlier steps would otherwise fill the three places the workbench shows.
    await clearNotifications(page);
    await runCommand(page, 'Plex: Refresh');
    await waitForNotification(page, 'Your Plex session has expired or was revoked. Sign in again to continue.');
    await waitForStatusBarItem(page, 'Plex session expired');
    await waitVisible(page.getByRole('button', { name: 'Sign In Again' }).first(), 'the Sign In Again action');
    await saveScreenshot(page, 'session-expired');
    const titles = await commandPaletteTitles(page, 'Plex: Sign');
    assert.ok(titles.includes('Plex: Sign Out'), `the palette offers Sign Out while the session is expired: ${JSON.stringify(titles)}`);
    await page.keyboard.press('Escape');
  });

  test('signing in again gets the same token back: signed in, not "expired"', async () => {
    const { page, standIn } = workbench;
    await clearNotifications(page);
    await runCommand(page, 'Plex: Sign Out');
    await answerDialog(page, 'Sign Out');
    await waitForStatusBarItem(page, 'Sign in to Plex');
    const again = standIn.issueToken('carol');
    await runCommand(page, 'Plex: Sign In with Token');
    await answerQuickInput(page, again, { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'carol', 20_000);
    standIn.addFault({ route: 'user', fault: { kind: 'token-revoked' }, times: 1 });
    await runCommand(page, 'Plex: Refresh');
    await waitForStatusBarItem(page, 'Plex session expired');
    // plex.tv keeps one token per device while it is valid: a new sign-in may hand back the same one.
    await runCommand(page, 'Plex: Sign In with Token');
    await answerQuickInput(page, again, { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'carol', 20_000);
    await waitForTreeRow(page, /Subscription\s*Plex Pass/, 'Account');
  });
});
