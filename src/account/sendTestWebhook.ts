import * as vscode from 'vscode';
import type { SessionTicket } from '../auth/gateway/plexGateway';
import { failureKind, plexFailure } from '../plex/failure';
import { isWebhookUrl } from '../plex/webhookUrl';
import { WEBHOOK_EVENTS, isWebhookEvent, webhookPayload, type WebhookPayload } from '../plex/webhookPayload';
import type { WebhookDelivery } from '../plex/webhookSender';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import { accountAction } from './accountAction';
import { listedWebhook } from './listedWebhook';
import type { WebhookServices } from './webhookServices';

/** A test event's player: this editor, under an id made for test events (not this installation's). */
const TEST_PLAYER_UUID = 'plex-for-vscode-test-event';

/**
 * Sends a Plex-shaped test event to one of the account's webhooks, as a Plex Media Server would
 * (multipart/form-data, a `payload` part), so a receiver can be built without playing media. The
 * address must be one plex.tv lists for the account; the receiver gets no token and no email.
 * Shows the receiver's status and time, or why nothing answered.
 */
export async function sendTestWebhook(services: WebhookServices, url: string | undefined, event?: string): Promise<void> {
  if (url === undefined) {
    void services.ui().info(vscode.l10n.t('Choose the webhook to send a test event to in the Webhooks view.'));
    return;
  }
  await accountAction(
    services,
    'plex.sendTestWebhook',
    async (ticket) => {
      const listed = await listedWebhook(services, ticket, url);
      if (listed === undefined) {
        return;
      }
      if (!isWebhookUrl(listed)) {
        throw plexFailure('not-allowed', vscode.l10n.t('Plex lists {0} as a webhook, but it is not a usable http(s) address, so no test event was sent.', plainText(listed)));
      }
      const picked = event ?? (await services.ui().pickWebhookEvent(WEBHOOK_EVENTS, listed));
      if (!isWebhookEvent(picked)) {
        return;
      }
      await deliver(services, ticket, listed, payloadFor(services, ticket, picked), () => sendTestWebhook(services, listed, picked));
    },
    () => sendTestWebhook(services, url, event),
  );
}

function payloadFor(services: WebhookServices, ticket: SessionTicket, event: (typeof WEBHOOK_EVENTS)[number]): WebhookPayload {
  const { account } = ticket.session;
  const server = services.firstServer();
  return webhookPayload(event, {
    account: { id: account.id, title: account.title, ...(account.thumb === undefined ? {} : { thumb: account.thumb }) },
    ...(server === undefined ? {} : { server }),
    player: { title: services.playerTitle, uuid: TEST_PLAYER_UUID },
  });
}

async function deliver(services: WebhookServices, ticket: SessionTicket, url: string, payload: WebhookPayload, retry: () => unknown): Promise<void> {
  const host = plainText(new URL(url).host);
  let delivery: WebhookDelivery;
  try {
    delivery = await withCancellableProgress(vscode.l10n.t('Sending {0} to {1}...', payload.event, host), (signal) =>
      services.gateway.sendTestWebhook(ticket, url, payload, signal),
    );
  } catch (error) {
    const message = undeliveredMessage(failureKind(error), host);
    if (message === undefined) {
      throw error;
    }
    const again = vscode.l10n.t('Retry');
    if ((await services.ui().error(message, again)) === again) {
      await retry();
    }
    return;
  }
  const status = `${delivery.status} ${plainText(delivery.statusText)}`.trim();
  const ms = Math.max(1, Math.round(delivery.durationMs));
  if (delivery.status >= 200 && delivery.status < 300) {
    void services.ui().info(vscode.l10n.t('{0} received {1}: it answered {2} in {3} ms.', host, payload.event, status, ms));
  } else if (delivery.status >= 300 && delivery.status < 400) {
    void services
      .ui()
      .warn(vscode.l10n.t('{0} answered {1} in {2} ms: a redirect. Plex posts to the address itself, so use the address the receiver redirects to.', host, status, ms));
  } else {
    void services
      .ui()
      .warn(vscode.l10n.t('{0} answered {1} in {2} ms: the receiver got the test event but reported an error. Its own log says why.', host, status, ms));
  }
}

function undeliveredMessage(kind: string | undefined, host: string): string | undefined {
  switch (kind) {
    case 'network':
      return vscode.l10n.t('Nothing answered at {0}: the receiver is not running, or the address is wrong. The test event was not delivered.', host);
    case 'timeout':
      return vscode.l10n.t('{0} did not answer in time: the receiver is slow or stuck. Plex does not wait long either; answer at once and do the work afterwards.', host);
    default:
      return undefined;
  }
}
