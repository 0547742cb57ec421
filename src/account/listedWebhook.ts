import * as vscode from 'vscode';
import type { SessionTicket } from '../auth/gateway/plexGateway';
import { plexFailure } from '../plex/failure';
import { withCancellableProgress } from '../ui/progress';
import { explainPlexPass } from './webhookMessages';
import type { WebhookServices } from './webhookServices';

/**
 * The webhook plex.tv lists for this account under `url`, else undefined after saying why:
 * the account has no Plex Pass, or the address is not (any more) one of its webhooks.
 */
export async function listedWebhook(services: WebhookServices, ticket: SessionTicket, url: string): Promise<string | undefined> {
  if (services.webhooks.needsPlexPass(ticket)) {
    await explainPlexPass(services);
    return undefined;
  }
  const listed = await withCancellableProgress(vscode.l10n.t('Reading your Plex webhooks...'), () => services.webhooks.find(ticket, url));
  if (listed === undefined) {
    services.showWebhooks();
    if (services.webhooks.needsPlexPass(ticket)) {
      await explainPlexPass(services);
      return undefined;
    }
    throw plexFailure(
      'not-allowed',
      vscode.l10n.t('That address is not a webhook of your Plex account (any more), so nothing was sent. The Webhooks view shows the webhooks Plex lists now.'),
    );
  }
  return listed;
}
