import { addWebhook, removeWebhook } from '../account/webhookActions';
import type { WebhookServices } from '../account/webhookServices';
import { sendTestWebhook } from '../account/sendTestWebhook';
import type { CommandHandler } from '../commandTable';
import { referenceOf, takeReference } from './references';

type WebhookCommandId = 'plex.addWebhook' | 'plex.removeWebhook' | 'plex.sendTestWebhook' | 'plex.refreshWebhooks';

export function webhookCommandHandlers(services: WebhookServices, reloadWebhooks: () => void): Record<WebhookCommandId, CommandHandler> {
  return {
    // The palette and the view's title button pass nothing; the address is always typed.
    'plex.addWebhook': () => addWebhook(services),
    // A Webhooks view row passes its `webhookUrl`.
    'plex.removeWebhook': (argument?: unknown) => {
      const url = takeReference(services.ui, referenceOf(argument, 'webhookUrl', 'string'));
      return url === false ? undefined : removeWebhook(services, url);
    },
    'plex.sendTestWebhook': (argument?: unknown) => {
      const url = takeReference(services.ui, referenceOf(argument, 'webhookUrl', 'string'));
      return url === false ? undefined : sendTestWebhook(services, url);
    },
    'plex.refreshWebhooks': () => reloadWebhooks(),
  };
}
