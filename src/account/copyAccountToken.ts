import * as vscode from 'vscode';
import { activeIdentity } from '../auth/storedSession';
import { readSettings } from '../config';
import { plainText } from '../ui/plainText';
import { accountAction } from './accountAction';
import type { AccountToolServices } from './accountToolServices';

/**
 * Copies the active identity's token (the X-Plex-Token) after a modal warning that offers a
 * transient token instead, with the usual clipboard auto-clear. No request: the token is stored.
 */
export async function copyAccountToken(services: AccountToolServices): Promise<void> {
  const retry = () => copyAccountToken(services);
  await accountAction(
    services,
    'plex.copyAccountToken',
    async (ticket) => {
      const { account } = activeIdentity(ticket.session);
      const answer = await services.ui().confirmCopyAccountToken(account.username);
      if (answer === 'transient') {
        await services.copyTransientToken();
        return;
      }
      if (answer !== 'copy' || !services.gateway.isCurrent(ticket)) {
        return;
      }
      // The token now: a JWT renewed while the warning was open is the one that works.
      const clearAfterMs = readSettings().clipboardClearAfterMs;
      await services.clipboard.copy(services.gateway.tokenToCopy(ticket), clearAfterMs);
      const name = plainText(account.username);
      void services.ui().info(
        clearAfterMs > 0
          ? vscode.l10n.t('Account token for {0} copied; clipboard clears in {1} s. Keep it private: it opens your whole Plex account.', name, clearAfterMs / 1000)
          : vscode.l10n.t('Account token for {0} copied. Keep it private: it opens your whole Plex account.', name),
      );
    },
    retry,
  );
}
