import * as assert from 'node:assert/strict';
import { WebhookReceiver } from '../receiver/webhookReceiver';
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
  quickInputBox,
  runCommand,
  saveScreenshot,
  waitForNotification,
  waitForQuickInputPrompt,
  waitForStatusBarItem,
  waitForWorkbench,
  waitForTreeRow,
  waitHidden,
  widenSideBar,
} from './ui';
import { useWorkbench } from './workbench';
import { workbenchUrl } from '../harness/workbenchUrl';

// Webhooks through the packaged extension, as carol (Plex Pass): the view, Send Test Event to a
// real receiver, Add Webhook from the palette, Remove Webhook. Each test starts where the
// previous one left off.
suite('Journeys: webhooks', () => {
  const workbench = useWorkbench();
  let receiver: WebhookReceiver;

  suiteSetup(async () => {
    receiver = await new WebhookReceiver().start();
  });
  suiteTeardown(() => receiver.close());

  test('the Webhooks view lists the account’s webhooks', async () => {
    const { page, standIn } = workbench;
    standIn.setWebhooks('carol', [receiver.address('/hooks/plex'), 'https://ha.example/api/webhook/plex']);
    await clickActivityBarItem(page, 'Plex');
    await runCommand(page, 'Plex: Sign In with Token');
    await answerQuickInput(page, standIn.issueToken('carol'), { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'carol', 20_000);
    await expandViewPane(page, 'Webhooks');
    await waitForTreeRow(page, /hooks\/plex/, 'Webhooks');
    await waitForTreeRow(page, /ha\.example/, 'Webhooks');
    await clearNotifications(page);
    for (const view of ['Account', 'Servers']) {
      await collapseViewPane(page, view);
    }
    await widenSideBar(page, 220);
  });

  test('Send Test Event: pick an event, the receiver gets a Plex-shaped payload, the notification shows its answer', async () => {
    const { page, standIn } = workbench;
    standIn.clearLog();
    await clickTreeRowAction(page, /hooks\/plex/, 'Send Test Event', 'Webhooks');
    await pickQuickItem(page, 'media.scrobble');
    await waitForNotification(page, /^127\.0\.0\.1:\d+ received media\.scrobble: it answered 200 OK in \d+ ms\.$/);
    assert.equal(receiver.received.length, 1);
    assert.deepEqual(receiver.received[0]?.problems, []);
    assert.equal((receiver.received[0]?.payload as { Account: { title: string } }).Account.title, 'Carol');
    assert.deepEqual(standIn.log().filter((entry) => entry.route.startsWith('webhooks.')), [], 'the view’s kept list was enough: plex.tv was not asked');
    await saveScreenshot(page, 'webhook-test-event');
  });

  test('Add Webhook from the palette, then Remove Webhook after a modal naming it', async () => {
    const { page, standIn } = workbench;
    await clearNotifications(page);
    await runCommand(page, 'Plex: Add Webhook');
    await answerQuickInput(page, 'https://bot.example/plex', { prompt: /The address Plex posts events to/ });
    await waitForNotification(page, 'Plex will post events to https://bot.example/plex.');
    await waitForTreeRow(page, /bot\.example/, 'Webhooks');
    assert.deepEqual(standIn.webhooks('carol'), [receiver.address('/hooks/plex'), 'https://ha.example/api/webhook/plex', 'https://bot.example/plex']);
    await clearNotifications(page);
    await clickTreeRowAction(page, /ha\.example/, 'Remove Webhook', 'Webhooks');
    assert.equal(await dialogMessage(page), 'Remove the webhook https://ha.example/api/webhook/plex?');
    await answerDialog(page, 'Remove Webhook');
    await waitForNotification(page, 'Plex no longer posts events to https://ha.example/api/webhook/plex.');
    await waitHidden(page.locator('.pane .monaco-list-row', { hasText: 'ha.example' }), 'the removed webhook’s row');
    assert.deepEqual(standIn.webhooks('carol'), [receiver.address('/hooks/plex'), 'https://bot.example/plex']);
    await clearNotifications(page);
    await saveScreenshot(page, 'webhooks');
  });
});

// Two windows of one code-server (same user, so the same global storage), each with its own
// extension host, add a webhook at the same moment. plex.tv takes the whole list on each change,
// so each window's read-then-write must wait for the other's: the stand-in holds the first write
// long enough for the second window to read meanwhile if nothing made it wait.
suite('Journeys: webhooks from two windows', () => {
  const workbench = useWorkbench();
  const ADD_PROMPT = /The address Plex posts events to/;

  test('two windows adding a webhook at once both end in plex.tv’s list; reads and writes take turns', async function () {
    this.timeout(120_000);
    const { page, context, standIn, codeServer } = workbench;
    standIn.setWebhooks('carol', ['https://existing.example/plex']);
    await clickActivityBarItem(page, 'Plex');
    await runCommand(page, 'Plex: Sign In with Token');
    await answerQuickInput(page, standIn.issueToken('carol'), { prompt: 'Paste an existing Plex account token' });
    await waitForStatusBarItem(page, 'carol', 20_000);

    const second = await context.newPage();
    try {
      await second.goto(workbenchUrl(codeServer.origin, codeServer.workspaceFolder));
      await waitForWorkbench(second);
      await clickActivityBarItem(second, 'Plex');
      await waitForStatusBarItem(second, 'carol', 30_000);

      const windows = [
        { page, url: 'https://one.example/plex' },
        { page: second, url: 'https://two.example/plex' },
      ];
      for (const window of windows) {
        await runCommand(window.page, 'Plex: Add Webhook');
        await waitForQuickInputPrompt(window.page, ADD_PROMPT);
        await quickInputBox(window.page).fill(window.url);
      }
      standIn.addFault({ route: 'webhooks.set', fault: { kind: 'slow', delayMs: 4000 }, times: 1 });
      standIn.clearLog();
      await Promise.all(windows.map((window) => quickInputBox(window.page).press('Enter')));
      await Promise.all(windows.map((window) => waitForNotification(window.page, `Plex will post events to ${window.url}.`, 30_000)));

      assert.deepEqual([...standIn.webhooks('carol')].sort(), ['https://existing.example/plex', 'https://one.example/plex', 'https://two.example/plex']);
      const changes = standIn.log().filter((entry) => entry.route.startsWith('webhooks.'));
      assert.deepEqual(
        changes.map((entry) => entry.route),
        ['webhooks.list', 'webhooks.set', 'webhooks.list', 'webhooks.set'],
        'each window read and wrote in its turn (2 requests each)',
      );
      const [, firstWrite, secondRead] = changes;
      assert.ok(secondRead.time >= firstWrite.time + firstWrite.durationMs, 'the second window read only after the first window’s write was answered');
      await saveScreenshot(second, 'webhooks-two-windows');
    } finally {
      await second.close();
    }
  });
});
