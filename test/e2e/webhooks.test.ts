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
  runCommand,
  saveScreenshot,
  waitForNotification,
  waitForStatusBarItem,
  waitForTreeRow,
  waitHidden,
  widenSideBar,
} from './ui';
import { useWorkbench } from './workbench';

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
