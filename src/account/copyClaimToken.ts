import * as vscode from 'vscode';
import { usableToken } from '../tokenShape';
import { withCancellableProgress } from '../ui/progress';
import { accountAction } from './accountAction';
import type { AccountToolServices } from './accountToolServices';

/**
 * Gets a claim token for a new Plex Media Server (PLEX_CLAIM), copies it and counts down its
 * short life in the status bar. One is live at a time: a second copy asks first.
 */
export async function copyClaimToken(services: AccountToolServices): Promise<void> {
  await accountAction(
    services,
    'plex.copyClaimToken',
    async (ticket) => {
      const live = services.claim.current();
      if (live) {
        const answer = await services.ui().askFreshClaimToken(live.secondsLeft);
        if (answer === 'same' && services.gateway.isCurrent(ticket)) {
          await services.claim.start(live.token, ticket.generation, live.expiresAt);
        }
        if (answer !== 'fresh') {
          return;
        }
      }
      const claim = await withCancellableProgress(vscode.l10n.t('Getting a claim token from Plex...'), (signal) =>
        services.gateway.asActive(ticket).accountTools((tools, token) => tools.getClaimToken(token, { signal })),
      );
      if (!services.gateway.isCurrent(ticket)) {
        return; // signed out or switched meanwhile: nothing of that session goes on the clipboard now
      }
      await services.claim.start(usableToken(claim.token, 'Plex'), ticket.generation, claim.expiresAt);
      const minutes = Math.max(1, Math.round((claim.expiresAt - Date.now()) / 60_000));
      void services.ui().info(
        vscode.l10n.t(
          'Claim token copied. Give it to your new Plex Media Server (PLEX_CLAIM in Docker) within {0} minutes; the clipboard is cleared when it expires.',
          minutes,
        ),
      );
    },
    () => copyClaimToken(services),
  );
}
