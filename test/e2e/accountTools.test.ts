import * as assert from 'node:assert/strict';
import {
  answerDialog,
  answerQuickInput,
  clearNotifications,
  clickActivityBarItem,
  clickTreeRowAction,
  collapseViewPane,
  dialogMessage,
  expandViewPane,
  pickQuickItem,
  runCommand,
  saveScreenshot,
  statusBarItem,
  treeRowTexts,
  waitForClipboard,
  waitForNotification,
  waitForQuickInputPrompt,
  waitForStatusBarItem,
  waitForTreeRow,
  waitHidden,
  waitVisible,
  widenSideBar,
  quickInput,
} from './ui';
import { useWorkbench } from './workbench';

// The account tools through the packaged extension: the Devices view and Remove Device, a claim
// token with its countdown, Link a Device, Copy Account Token. Each test starts where the
// previous one left off.
suite('Journeys: devices, claim token, link a device, account token', () => {
  const workbench = useWorkbench();
  let accountToken = '';

  test('the Devices view lists the account\'s devices, this VS Code marked', async () => {
    const { page, standIn } = workbench;
    await clickActivityBarItem(page, 'Plex');
    await runCommand(page, 'Plex: Sign In with Token');
    accountToken = standIn.issueToken('alice');
    await answerQuickInput(page, accountToken, { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'alice', 20_000);
    await expandViewPane(page, 'Devices');
    await waitForTreeRow(page, /Living Room TV/, 'Devices');
    await waitForTreeRow(page, /This device/, 'Devices');
    const rows = await treeRowTexts(page, 'Devices');
    assert.ok(rows.some((row) => /^Living Room TV\s*Plex for LG 3\.13\.1 · webOS · /.test(row)), JSON.stringify(rows));
    assert.ok(rows.some((row) => row.startsWith("Alice's iPhone")), JSON.stringify(rows));
    // Room for the device rows in the README's picture.
    await clearNotifications(page);
    for (const view of ['Account', 'Servers', 'Plex Home']) {
      await collapseViewPane(page, view);
    }
    await widenSideBar(page, 220);
    await saveScreenshot(page, 'devices');
  });

  test('Remove Device: a modal names the device, and after it is confirmed the row goes', async () => {
    const { page, standIn } = workbench;
    const tv = standIn.devices('alice').find((device) => device.name === 'Living Room TV');
    assert.ok(tv, 'the stand-in seeds a TV on the account');
    await clearNotifications(page);
    await clickTreeRowAction(page, /^Living Room TV/, 'Remove Device', 'Devices');
    assert.equal(await dialogMessage(page), 'Remove Living Room TV from your Plex account?');
    await answerDialog(page, 'Remove Device');
    await waitForNotification(page, 'Living Room TV was removed from your Plex account.');
    await waitHidden(page.locator('.pane .monaco-list-row', { hasText: 'Living Room TV' }), 'the removed device\'s row');
    assert.ok(!standIn.devices('alice').some((device) => device.id === tv.id), 'plex.tv no longer lists the TV');
    assert.ok(
      standIn.log().some((entry) => entry.route === 'devices.remove' && entry.status === 200),
      'the removal reached plex.tv',
    );
    const rows = await treeRowTexts(page, 'Devices');
    assert.ok(rows.some((row) => row.startsWith("Alice's iPhone")), `the other devices stay: ${JSON.stringify(rows)}`);
  });

  test('Copy Claim Token: the clipboard holds it and the status bar counts down its life', async () => {
    const { page, standIn } = workbench;
    await clearNotifications(page);
    await runCommand(page, 'Plex: Copy Claim Token');
    await waitForNotification(page, /^Claim token copied\. Give it to your new Plex Media Server \(PLEX_CLAIM in Docker\) within 4 minutes/);
    const claims = standIn.claimTokens();
    assert.equal(claims.length, 1, 'one claim token was fetched');
    const copied = await waitForClipboard(page, (text) => text === claims[0]?.token, 'the claim token');
    assert.ok(copied.startsWith('claim-'), 'a claim token, as plex.tv shapes them');
    const countdown = await waitForStatusBarItem(page, /Claim token [34]:\d\d/);
    const first = (await countdown.innerText()).trim();
    await waitVisible(statusBarItem(page, /Claim token \d:\d\d/).filter({ hasNotText: first }), 'the countdown to tick');
    await saveScreenshot(page, 'claim-countdown');
  });

  test('a second Copy Claim Token while one is live asks first; "Get a New One" copies a fresh one', async () => {
    const { page, standIn } = workbench;
    await clearNotifications(page);
    await runCommand(page, 'Plex: Copy Claim Token');
    assert.match(await dialogMessage(page), /^The claim token you copied is valid for \d+ more seconds\. Get a new one\?$/);
    await answerDialog(page, 'Get a New One');
    await waitForNotification(page, /^Claim token copied\./);
    const claims = standIn.claimTokens();
    assert.equal(claims.length, 2, 'a second claim token was fetched');
    await waitForClipboard(page, (text) => text === claims[1]?.token, 'the fresh claim token');
    await waitForStatusBarItem(page, /Claim token [34]:\d\d/);
  });

  test('Link a Device: a wrong code is refused and the input stays open; the right code links', async () => {
    const { page, standIn } = workbench;
    await clearNotifications(page);
    const link = standIn.createLinkCode({ product: 'Plex for Roku' });
    const wrong = link.code === 'ZZ99' ? 'ZZ98' : 'ZZ99';
    await runCommand(page, 'Plex: Link a Device');
    await answerQuickInput(page, wrong.toLowerCase(), { prompt: 'The 4-character code the TV or console shows at plex.tv/link' });
    await waitForQuickInputPrompt(page, 'That code is not valid or has expired.');
    await waitVisible(quickInput(page), 'the code input, still open');
    await answerQuickInput(page, link.code.toLowerCase(), { prompt: 'That code is not valid or has expired.' });
    await waitForNotification(page, 'Device linked: it signs in to Plex as alice in a moment.');
    await waitHidden(quickInput(page), 'the code input');
    const links = standIn.log().filter((entry) => entry.route === 'pins.link').map((entry) => entry.status);
    assert.equal(links.length, 2, 'two link requests');
    assert.notEqual(links[0], 200, 'the wrong code was refused');
    assert.ok(links[1] !== undefined && links[1] >= 200 && links[1] < 300, `the right code was linked (${String(links[1])})`);
  });

  test('Copy Account Token: a modal warning first, then the token is copied', async () => {
    const { page } = workbench;
    await clearNotifications(page);
    await runCommand(page, 'Plex: Copy Account Token');
    assert.equal(await dialogMessage(page), 'Copy the account token of alice?');
    await answerDialog(page, 'Copy Account Token');
    await waitForNotification(page, /^Account token for alice copied; clipboard clears in 60 s\./);
    await waitForClipboard(page, (text) => text === accountToken, 'the account token');
  });

  test('Copy Account Token offers a transient token instead', async () => {
    const { page, standIn } = workbench;
    await clearNotifications(page);
    await runCommand(page, 'Plex: Copy Account Token');
    await answerDialog(page, 'Copy Transient Token');
    await pickQuickItem(page, "Alice's Library");
    await waitForNotification(page, /^Transient token for Alice's Library copied/);
    const copied = await waitForClipboard(page, (text) => text.startsWith('transient-'), 'a transient token');
    assert.ok(standIn.issuedTokens().includes(copied), 'the stand-in issued the copied token');
  });
});
