import * as assert from 'node:assert/strict';
import {
  answerQuickInput,
  clickActivityBarItem,
  clickTreeRow,
  pickQuickItem,
  runCommand,
  saveScreenshot,
  treeRowTexts,
  waitForNotification,
  waitForQuickInputPrompt,
  waitForStatusBarItem,
  waitForTreeRow,
} from './ui';
import { useWorkbench } from './workbench';

// Plex Home through the packaged extension: switch to a PIN-protected member and back.
suite('Journeys: Plex Home', () => {
  const workbench = useWorkbench();

  test('the Plex Home view lists the Home, the account marked active', async () => {
    const { page, standIn } = workbench;
    await clickActivityBarItem(page, 'Plex');
    await runCommand(page, 'Plex: Sign In with Token');
    await answerQuickInput(page, standIn.issueToken('alice'), { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'alice', 20_000);
    await waitForTreeRow(page, /Dana/, 'Plex Home');
    const rows = await treeRowTexts(page, 'Plex Home');
    assert.ok(rows.some((row) => /^Alice\s*active/.test(row)), JSON.stringify(rows));
    assert.ok(rows.some((row) => /^Dana\s*PIN/.test(row)), JSON.stringify(rows));
  });

  test('switch to a PIN-protected member: a wrong PIN asks again, then the status bar shows "alice → Dana"', async () => {
    const { page } = workbench;
    await clickTreeRow(page, /^Dana/, 'Plex Home');
    await answerQuickInput(page, '0000', { prompt: 'Plex Home PIN of Dana' });
    await waitForQuickInputPrompt(page, 'That PIN was not accepted');
    await answerQuickInput(page, '1234', { prompt: 'That PIN was not accepted' });
    await waitForStatusBarItem(page, 'alice → Dana', 20_000);
    await waitForNotification(page, 'Now acting as Dana.');
    await waitForTreeRow(page, /Username\s*dana/, 'Account');
    await waitForTreeRow(page, /^Dana\s*active/, 'Plex Home');
    await saveScreenshot(page, 'plex-home');
  });

  test('switch back from the status bar menu, without a request', async () => {
    const { page, standIn } = workbench;
    const before = standIn.log().length;
    await (await waitForStatusBarItem(page, 'alice → Dana')).click();
    await pickQuickItem(page, /Switch Home User/);
    await pickQuickItem(page, /Alice/);
    await waitForStatusBarItem(page, /^\s*alice\s*$/);
    await waitForNotification(page, 'Acting as alice again.');
    assert.deepEqual(
      standIn.log().slice(before).map((entry) => entry.route),
      [],
      'the menu reuses the list the view read, and switching back asks plex.tv nothing',
    );
  });
});
