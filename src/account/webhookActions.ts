import * as vscode from 'vscode';
import type { SessionTicket } from '../auth/gateway/plexGateway';
import { failureKind } from '../plex/failure';
import { webhookUrlProblem } from '../plex/webhookUrl';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import { accountAction } from './accountAction';
import { listedWebhook } from './listedWebhook';
import { explainPlexPass, webhookUrlMessage } from './webhookMessages';
import { sendTestWebhook } from './sendTestWebhook';
import type { WebhookServices } from './webhookServices';
import { WindowLockBusyError } from './windowLock';

/**
 * The answer to a change plex.tv refused for want of Plex Pass (the view and a message say so),
 * or one that never started because another window kept changing the list (nothing was sent).
 */
async function unlessPlexPassRequired(services: WebhookServices, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WindowLockBusyError) {
      void services.ui().warn(vscode.l10n.t('Another VS Code window is changing your Plex webhooks. Nothing was changed; try again in a moment.'));
      return;
    }
    if (failureKind(error) !== 'plex-pass-required') {
      throw error;
    }
    services.showWebhooks();
    await explainPlexPass(services);
  }
}

/**
 * Adds a webhook: asks for the address (checked while typing), then reads plex.tv's list and
 * writes it back with the address added, so a webhook added elsewhere meanwhile stays. Nothing is
 * asked or sent for an account without Plex Pass.
 */
export async function addWebhook(services: WebhookServices, typed?: string): Promise<void> {
  await accountAction(
    services,
    'plex.addWebhook',
    async (ticket) => {
      if (services.webhooks.needsPlexPass(ticket)) {
        await explainPlexPass(services);
        return;
      }
      const url = typed ?? (await askUrl(services, ticket));
      if (url === undefined) {
        return;
      }
      await unlessPlexPassRequired(services, async () => {
        const change = await withCancellableProgress(vscode.l10n.t('Adding the webhook {0}...', plainText(url)), (signal) =>
          services.webhooks.change(ticket, signal, (webhooks, token) => webhooks.addWebhook(token, url, { signal })),
        );
        services.showWebhooks();
        if (!change.changed) {
          void services.ui().info(vscode.l10n.t('{0} is already a webhook of your Plex account.', plainText(url)));
          return;
        }
        const test = vscode.l10n.t('Send Test Event');
        if ((await services.ui().info(vscode.l10n.t('Plex will post events to {0}.', plainText(url)), test)) === test) {
          await sendTestWebhook(services, url);
        }
      });
    },
    () => addWebhook(services, typed),
  );
}

function askUrl(services: WebhookServices, ticket: SessionTicket): Promise<string | undefined> {
  const kept = services.webhooks.kept(ticket);
  const listed = kept?.kind === 'list' ? kept.urls : [];
  return services.ui().askWebhookUrl((value) => {
    const problem = webhookUrlProblem(value);
    if (problem !== undefined) {
      return webhookUrlMessage(problem);
    }
    return listed.includes(value) ? vscode.l10n.t('This address is already a webhook of your Plex account.') : undefined;
  });
}

/**
 * Removes a webhook after a modal confirmation naming it. The address is one plex.tv lists for
 * the account (the Webhooks view passes it); anything else is refused before anything is asked or sent.
 */
export async function removeWebhook(services: WebhookServices, url: string | undefined, confirmed = false): Promise<void> {
  if (url === undefined) {
    void services.ui().info(vscode.l10n.t('Choose the webhook to remove in the Webhooks view.'));
    return;
  }
  await accountAction(
    services,
    'plex.removeWebhook',
    async (ticket) => {
      const listed = await listedWebhook(services, ticket, url);
      if (listed === undefined) {
        return;
      }
      if (!confirmed && !(await services.ui().confirmRemoveWebhook(listed))) {
        return;
      }
      await unlessPlexPassRequired(services, async () => {
        const change = await withCancellableProgress(vscode.l10n.t('Removing the webhook {0}...', plainText(listed)), (signal) =>
          services.webhooks.change(ticket, signal, (webhooks, token) => webhooks.removeWebhook(token, listed, { signal })),
        );
        services.showWebhooks();
        void services
          .ui()
          .info(
            change.changed
              ? vscode.l10n.t('Plex no longer posts events to {0}.', plainText(listed))
              : vscode.l10n.t('{0} was already removed from your Plex account.', plainText(listed)),
          );
      });
    },
    () => removeWebhook(services, url, true),
  );
}
