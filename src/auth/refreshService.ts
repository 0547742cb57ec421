import * as vscode from 'vscode';
import type { Log } from '../log';
import type { ServerCatalog } from '../servers/serverCatalog';
import type { ErrorReporter } from '../ui/errorReporter';
import { withCancellableProgress } from '../ui/progress';
import type { Ui } from '../ui/ui';
import type { PlexGateway } from './gateway/plexGateway';
import type { Session } from './session';

/**
 * Re-reads the account (and the servers, when they were loaded) from plex.tv. The session
 * follows plex.tv's answer: a refused token expires it, an accepted one makes it valid again,
 * and any other failure keeps everything as it was.
 */
export class RefreshService {
  constructor(
    private readonly gateway: PlexGateway,
    private readonly session: Session,
    private readonly catalog: ServerCatalog,
    private readonly ui: () => Ui,
    private readonly errors: ErrorReporter,
    private readonly log: Log,
    /** Clears the Servers view's load error. */
    private readonly onRefreshed: () => void,
  ) {}

  async refresh(): Promise<void> {
    const ticket = this.gateway.ticket();
    if (!ticket) {
      void this.ui().info(vscode.l10n.t('Sign in to Plex first.'));
      return;
    }
    try {
      await withCancellableProgress(vscode.l10n.t('Refreshing Plex...'), async (signal) => {
        // Account and servers in parallel: one round trip to plex.tv instead of two.
        const serversReload = this.catalog.cached === undefined ? Promise.resolve(undefined) : this.catalog.list(signal, true);
        void serversReload.catch(() => undefined); // awaited below, unless the account read fails first
        const read = await this.gateway.asActive(ticket).plexTv(async (client, token) => ({ token, account: await client.getAccount(token, { signal }) }));
        await this.session.accountRead(read.token, read.account);
        this.onRefreshed();
        await serversReload;
      });
    } catch (error) {
      if (!this.gateway.isSameSignIn(ticket)) {
        // Signed out (or in as someone else) while this ran: its failure is about a session that
        // is gone, e.g. the token the sign-out just revoked, and would contradict the user's last action.
        this.log.info('Refresh: the session changed while it ran; its result was dropped.');
        return;
      }
      this.errors.report(error, {
        action: 'Refresh',
        where: 'Plex',
        session: ticket.session,
        retry: () => this.refresh(),
      });
    }
  }
}
