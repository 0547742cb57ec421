import * as vscode from 'vscode';
import { activeIdentity } from '../auth/storedSession';
import { failureKind } from '../plex/failure';
import { describeFailure } from '../ui/errorMessages';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import { accountAction } from './accountAction';
import type { AccountToolServices } from './accountToolServices';

/**
 * Links the code a TV or console shows at plex.tv/link to the active account. A wrong or expired
 * code asks again, with the reason, until a code works or the user gives up.
 */
export async function linkDevice(services: AccountToolServices): Promise<void> {
  await accountAction(
    services,
    'plex.linkDevice',
    async (ticket) => {
      const { account } = activeIdentity(ticket.session);
      let rejected: { code: string; reason: string } | undefined;
      for (;;) {
        const code = await services.ui().askLinkCode(rejected);
        if (code === undefined) {
          return;
        }
        try {
          await withCancellableProgress(vscode.l10n.t('Linking the device to your Plex account...'), (signal) =>
            services.gateway.asActive(ticket).accountTools((tools, token) => tools.linkDevice(token, code, { signal })),
          );
        } catch (error) {
          if (failureKind(error) !== 'link-code-invalid') {
            throw error;
          }
          rejected = { code, reason: describeFailure(error, 'Plex') };
          continue;
        }
        if (services.gateway.isCurrent(ticket)) {
          void services.ui().info(vscode.l10n.t('Device linked: it signs in to Plex as {0} in a moment.', plainText(account.username)));
        }
        return;
      }
    },
    () => linkDevice(services),
  );
}
