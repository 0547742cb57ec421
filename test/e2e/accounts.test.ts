import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { waitFor } from '../harness/waitFor';
import {
  answerDialog,
  answerQuickInput,
  clickActivityBarItem,
  pickQuickItem,
  quickPickLabels,
  runCommand,
  saveScreenshot,
  waitForNotification,
  waitForStatusBarItem,
  waitForTreeRow,
  waitVisible,
} from './ui';
import { useWorkbench } from './workbench';

/** VS Code's Accounts menu (the activity bar's Accounts button), and the entry for `label` in it. */
async function openAccountsMenuEntry(page: Page, label: string | RegExp): Promise<void> {
  await (await waitVisible(page.locator('.activitybar .action-label[aria-label="Accounts"]'), 'the Accounts button')).click();
  const entry = await waitVisible(page.locator('.monaco-menu .action-label').filter({ hasText: label }), `the Accounts menu entry ${String(label)}`);
  await entry.hover();
}

/**
 * Clicks a menu item until the dialog it opens shows: a click that lands while the submenu is
 * still opening only highlights the item.
 */
async function clickMenuItemUntilDialog(page: Page, label: RegExp): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  for (let attempt = 1; ; attempt++) {
    const item = await waitVisible(page.locator('.monaco-menu .action-label').filter({ hasText: label }), `the menu item ${String(label)}`);
    await item.click();
    try {
      await waitVisible(dialog, 'the dialog the menu item opens', 3_000);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

// Several accounts through the packaged extension: a second account added beside the first, a
// switch that asks plex.tv nothing, one account's refused token leaving the other signed in, and
// one account signed out from VS Code's own Accounts menu, its token revoked, the other untouched.
/** What plex.tv answers `token` now: 200 while it is live, 401 once revoked. */
async function plexTvAnswers(plexTvUrl: string, token: string): Promise<number> {
  const response = await fetch(`${plexTvUrl}/api/v2/user`, { headers: { 'X-Plex-Token': token, 'X-Plex-Client-Identifier': 'e2e-token-check', Accept: 'application/json' } });
  await response.arrayBuffer();
  return response.status;
}

suite('Journeys: several accounts', () => {
  const workbench = useWorkbench();
  const tokens = { alice: '', bob: '' };

  test('add a second account: both signed in, the added one active', async () => {
    const { page, standIn } = workbench;
    await clickActivityBarItem(page, 'Plex');
    await runCommand(page, 'Plex: Sign In with Token');
    tokens.alice = standIn.issueToken('alice');
    await answerQuickInput(page, tokens.alice, { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'alice', 20_000);
    await runCommand(page, 'Plex: Sign In to Another Account');
    await pickQuickItem(page, /Sign in with an existing token/);
    tokens.bob = standIn.issueToken('bob');
    await answerQuickInput(page, tokens.bob, { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'bob', 20_000);
    await waitForTreeRow(page, /Username\s*bob/, 'Account');
  });

  test('Switch Account lists both; switching to alice asks plex.tv nothing', async () => {
    const { page, standIn } = workbench;
    const before = standIn.log().length;
    await runCommand(page, 'Plex: Switch Account');
    const labels = await quickPickLabels(page);
    assert.deepEqual(labels.map((label) => label.replace(/\s+/g, ' ')).sort(), ['alice', 'bob'], JSON.stringify(labels));
    await saveScreenshot(page, 'switch-account');
    await pickQuickItem(page, /alice/);
    await waitForStatusBarItem(page, /^\s*alice\s*$/);
    await waitForTreeRow(page, /Username\s*alice/, 'Account');
    // The switch itself asks plex.tv nothing; lists belong to a session generation, so the open
    // Servers view then reads alice's servers, once.
    assert.deepEqual(standIn.log().slice(before).map((entry) => entry.route), ['resources'], "only the Servers view's read of alice's servers");
  });

  test("bob's refused token expires bob only: switching back to alice finds her signed in", async () => {
    const { page, standIn } = workbench;
    await runCommand(page, 'Plex: Switch Account');
    await pickQuickItem(page, /bob/);
    await waitForStatusBarItem(page, /^\s*bob\s*$/);
    standIn.addFault({ route: 'user', fault: { kind: 'token-revoked' }, times: 1 });
    await runCommand(page, 'Plex: Refresh');
    await waitForStatusBarItem(page, 'Plex session expired');
    await runCommand(page, 'Plex: Switch Account');
    const labels = await quickPickLabels(page);
    assert.ok(labels.some((label) => /bob/.test(label)), JSON.stringify(labels));
    await pickQuickItem(page, /alice/);
    await waitForStatusBarItem(page, /^\s*alice\s*$/);
  });

  test("VS Code's Accounts menu lists both; its Sign Out of bob revokes bob's token and leaves alice active", async () => {
    const { page, standIn } = workbench;
    await openAccountsMenuEntry(page, /bob \(Plex/);
    await clickMenuItemUntilDialog(page, /^Sign Out$/);
    await answerDialog(page, 'Sign Out');
    await waitFor(() => standIn.log().some((entry) => entry.route === 'signout') || undefined, { description: 'the sign-out reached plex.tv', timeoutMs: 15_000 });
    await waitForStatusBarItem(page, /^\s*alice\s*$/);
    await waitForTreeRow(page, /Username\s*alice/, 'Account');
    await runCommand(page, 'Plex: Switch Account');
    assert.equal(await plexTvAnswers(standIn.plexTvUrl, tokens.bob), 401, "bob's token was revoked");
    assert.equal(await plexTvAnswers(standIn.plexTvUrl, tokens.alice), 200, "alice's token is untouched");
    await waitForNotification(page, 'Only alice is signed in to Plex. Add another account with Plex: Sign In to Another Account.');
  });
});
