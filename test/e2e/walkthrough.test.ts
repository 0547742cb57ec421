import * as assert from 'node:assert/strict';
import { walkthroughOnFirstActivation } from '../harness/userSettings';
import {
  approveBrowserSignIn,
  clearNotifications,
  clickActivityBarItem,
  clickTreeRow,
  pickQuickItem,
  runCommand,
  saveWalkthroughImage,
  viewPane,
  waitForClipboard,
  waitForNotification,
  waitForOutputChannel,
  waitForStatusBarItem,
  waitForTreeRow,
  waitForWorkbench,
  waitHidden,
  waitVisible,
} from './ui';
import { clickStepButton, closeWalkthrough, settledNotification, stepMedia, stepTicks, WALKTHROUGH_STEPS, waitForStepTick, waitForWalkthrough } from './walkthroughPage';
import { useWorkbench } from './workbench';

const noneTicked = Object.fromEntries(WALKTHROUGH_STEPS.map((step) => [step, false]));

// A new user's first run through the packaged extension: the walkthrough opens by itself once,
// and each step ticks when the user has done it, whichever way. Each test starts where the
// previous one left off. The walkthrough's pictures come from here (`npm run screenshots`).
suite('Journeys: the Get Started walkthrough, each step ticking when done', () => {
  // A new profile, with VS Code's "open walkthroughs on install" as a user has it (on).
  const workbench = useWorkbench({ settings: walkthroughOnFirstActivation });

  test('the first start opens the walkthrough by itself, nothing ticked', async () => {
    const { page } = workbench;
    await waitForWalkthrough(page, 30_000);
    assert.deepEqual(await stepTicks(page), noneTicked);
    // VS Code 1.139 leaves the pictures out of a page narrower than about 1000 px.
    await runCommand(page, 'View: Close Primary Side Bar');
    await waitHidden(page.locator('.part.sidebar'), 'the side bar');
    await waitVisible(stepMedia(page), "the first step's picture");
    await closeWalkthrough(page);
  });

  test("the Account view's welcome and Plex: Get Started open it", async () => {
    const { page } = workbench;
    await clickActivityBarItem(page, 'Plex');
    const link = viewPane(page, 'Account').locator('.welcome-view-content a', { hasText: 'Get Started' });
    await waitVisible(page.getByRole('button', { name: 'Sign In with Browser' }), 'the welcome view');
    await saveWalkthroughImage(page, 'sign-in', [viewPane(page, 'Account').locator('.welcome-view-content > *')]);
    await (await waitVisible(link, 'the Get Started link in the welcome view')).click();
    await waitForWalkthrough(page);
    await closeWalkthrough(page);

    // The side bar closed, so that seeing the servers is a step of its own.
    await runCommand(page, 'View: Close Primary Side Bar');
    await waitHidden(page.locator('.part.sidebar'), 'the side bar');
    await runCommand(page, 'Plex: Get Started');
    await waitForWalkthrough(page);
    assert.deepEqual(await stepTicks(page), noneTicked);
  });

  test('sign in with the browser from the walkthrough: the step ticks once signed in', async () => {
    const { page, context } = workbench;
    await clickStepButton(page, 'signIn', 'Sign In with Browser');
    await approveBrowserSignIn(page, context, 'alice');
    await waitForStatusBarItem(page, 'alice', 20_000);
    await waitForStepTick(page, 'signIn');
    const ticks = await stepTicks(page);
    assert.deepEqual(ticks, { ...noneTicked, signIn: true }, 'only the sign-in ticked');
  });

  test('see your servers: Show Servers opens the Servers view, and the step ticks', async () => {
    const { page } = workbench;
    await clearNotifications(page);
    await clickStepButton(page, 'servers', 'Show Servers');
    await waitForStepTick(page, 'servers');
    await clickTreeRow(page, "Alice's Library", 'Servers');
    await waitForTreeRow(page, /local · http/, 'Servers');
    await saveWalkthroughImage(page, 'servers', [viewPane(page, 'Servers')]);
  });

  test('copy a transient token from the walkthrough: the clipboard holds it, and the step ticks', async () => {
    const { page, standIn } = workbench;
    await clearNotifications(page);
    await clickStepButton(page, 'transientToken', 'Copy Transient Token');
    await pickQuickItem(page, "Alice's Library");
    await waitForNotification(page, "Transient token for Alice's Library copied; valid up to 48 hours; clipboard clears in 60 s.");
    await waitHidden(page.locator('.notification-toast', { hasText: 'Contacting' }), 'the progress notification');
    const copied = await waitForClipboard(page, (text) => text.startsWith('transient-'), 'a transient token');
    assert.ok(standIn.issuedTokens().includes(copied), 'the stand-in issued the copied token');
    await waitForStepTick(page, 'transientToken');
    await saveWalkthroughImage(page, 'transient-token', [await settledNotification(page, /^Transient token for Alice's Library copied/)]);
  });

  test('claim a new server: Copy Claim Token copies it, the countdown runs, and the step ticks', async () => {
    const { page, standIn } = workbench;
    await clearNotifications(page);
    await clickStepButton(page, 'claimToken', 'Copy Claim Token');
    const copiedMessage = /^Claim token copied\. Give it to your new Plex Media Server \(PLEX_CLAIM in Docker\) within 4 minutes/;
    await waitForNotification(page, copiedMessage);
    const claims = standIn.claimTokens();
    assert.equal(claims.length, 1, 'one claim token was fetched');
    await waitForClipboard(page, (text) => text === claims[0]?.token, 'the claim token');
    await waitForStatusBarItem(page, /Claim token [34]:\d\d/);
    await waitForStepTick(page, 'claimToken');
    await saveWalkthroughImage(page, 'claim-token', [await settledNotification(page, copiedMessage)]);
  });

  test('let another extension use the account: the Accounts menu has it, Plex: Manage Trusted Extensions ticks the step', async () => {
    const { page } = workbench;
    await clearNotifications(page);
    await clickActivityBarItem(page, 'Accounts');
    const menu = page.locator('.context-view .monaco-menu');
    const account = await waitVisible(menu.locator('.action-item', { hasText: /alice \(Plex\)/ }), 'the Plex account in the Accounts menu');
    await account.hover();
    await waitVisible(menu.locator('.action-item', { hasText: 'Manage Trusted Extensions' }), 'the account\'s submenu');
    await saveWalkthroughImage(page, 'other-extensions', [menu]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await waitHidden(menu, 'the Accounts menu');

    // The button opens VS Code's list for the active account (no account to pick: it names alice),
    // and the step ticks. No extension has used the account yet; VS Code lists the ones it trusts
    // with every account (Git, GitHub).
    await clickStepButton(page, 'otherExtensions', 'Manage Trusted Extensions');
    const list = page.locator('.quick-input-widget', { hasText: 'Manage Trusted Extensions' });
    await waitVisible(list, "VS Code's list of the extensions trusted with alice's account");
    await waitForStepTick(page, 'otherExtensions');
    await page.keyboard.press('Escape');
    await waitHidden(list, "VS Code's list of trusted extensions");
    assert.deepEqual(await stepTicks(page), Object.fromEntries(WALKTHROUGH_STEPS.map((step) => [step, true])));
  });

  test('after a reload the walkthrough stays closed, and its ticks stay', async () => {
    const { page } = workbench;
    await closeWalkthrough(page);
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page);
    await waitForStatusBarItem(page, 'alice', 30_000);
    // A command answered after activation: a walkthrough activation had opened would be open by now.
    await runCommand(page, 'Plex: Show Log');
    await waitForOutputChannel(page, 'Plex');
    assert.equal(await page.locator('.gettingStartedContainer').count(), 0, 'no walkthrough page after the reload');
    await runCommand(page, 'Plex: Get Started');
    await waitForWalkthrough(page);
    assert.deepEqual(await stepTicks(page), Object.fromEntries(WALKTHROUGH_STEPS.map((step) => [step, true])));
  });
});
