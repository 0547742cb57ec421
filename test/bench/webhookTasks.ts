// The webhook tasks, signed in as carol (Plex Pass) with the Plex side bar showing: the Webhooks
// view, Add Webhook pointing at a receiver on this machine (the tests' receiver, a real HTTP
// server on 127.0.0.1), Send Test Event to it, Remove Webhook. Each task's requests are counted
// alone; the test event's are the receiver's arrivals plus the stand-in's.
import {
  answerDialog,
  answerQuickInput,
  clearNotifications,
  clickTreeRowAction,
  pickQuickItem,
  runCommand,
  waitForNotification,
  waitForTreeRow,
} from '../e2e/ui';
import { WebhookReceiver } from '../receiver/webhookReceiver';
import type { TaskRequests } from './requests';
import type { TaskName } from './results';
import { counted, setPaneExpanded } from './steps';
import type { BenchWindow } from './window';

type WebhookTask = 'webhooksView' | 'addWebhook' | 'sendTestWebhook' | 'removeWebhook';

/** Already on carol's account when the view first loads, so the view has a row to wait for. */
const listedWebhook = 'https://ha.example/api/webhook/plex';

export async function runWebhookTasks(window: BenchWindow): Promise<Pick<Record<TaskName, TaskRequests>, WebhookTask>> {
  const { page, standIn } = window;
  const receiver = await new WebhookReceiver().start();
  try {
    const receiverUrl = receiver.address('/hooks/plex');
    standIn.setWebhooks('carol', [listedWebhook]);
    await clearNotifications(page);

    const webhooksView = await counted(standIn, async () => {
      await setPaneExpanded(page, 'Webhooks', true);
      await waitForTreeRow(page, /ha\.example/, 'Webhooks');
    });
    const addWebhook = await counted(standIn, async () => {
      await runCommand(page, 'Plex: Add Webhook');
      await answerQuickInput(page, receiverUrl, { prompt: /The address Plex posts events to/ });
      await waitForNotification(page, /Plex will post events to/, 30_000);
      await waitForTreeRow(page, /hooks\/plex/, 'Webhooks');
    });
    await clearNotifications(page);

    const arrivalsBefore = receiver.arrivals;
    const toStandIn = await counted(standIn, async () => {
      await clickTreeRowAction(page, /hooks\/plex/, 'Send Test Event', 'Webhooks');
      await pickQuickItem(page, 'media.scrobble');
      await waitForNotification(page, /received media\.scrobble: it answered 200 OK/, 30_000);
    });
    const arrivals = receiver.arrivals - arrivalsBefore;
    const problems = receiver.received.flatMap((received) => received.problems);
    if (problems.length > 0) throw new Error(`the receiver found the test event unlike Plex's: ${problems.join('; ')}`);
    const sendTestWebhook: TaskRequests = {
      count: toStandIn.count + arrivals,
      routes: [...toStandIn.routes, ...Array.from({ length: arrivals }, () => 'POST receiver')],
    };
    await clearNotifications(page);

    const removeWebhook = await counted(standIn, async () => {
      await clickTreeRowAction(page, /ha\.example/, 'Remove Webhook', 'Webhooks');
      await answerDialog(page, 'Remove Webhook');
      await waitForNotification(page, /Plex no longer posts events to/, 30_000);
    });
    await clearNotifications(page);
    await setPaneExpanded(page, 'Webhooks', false);
    return { webhooksView, addWebhook, sendTestWebhook, removeWebhook };
  } finally {
    await receiver.close();
  }
}
