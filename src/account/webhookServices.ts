import type { AccountToolServices } from './accountToolServices';
import type { WebhookList } from './webhookList';

/** What the webhook tools work with; built with the command code. */
export interface WebhookServices extends AccountToolServices {
  readonly webhooks: WebhookList;
  /** Repaints the Webhooks view from the kept list. */
  showWebhooks(): void;
  /** The account's first owned server plex.tv listed, if the list was read: what a test event names. */
  firstServer(): { name: string; clientIdentifier: string } | undefined;
  /** The name this editor goes by, as a test event's player. */
  readonly playerTitle: string;
}
