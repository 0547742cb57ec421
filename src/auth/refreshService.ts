import * as vscode from 'vscode';
import type { Log } from '../log';
import type { PlexClients } from '../plexApi';
import type { ServerCatalog } from '../servers/serverCatalog';
import type { ErrorReporter } from '../ui/errorReporter';
import { withCancellableProgress } from '../ui/progress';
import type { Ui } from '../ui/ui';
import type { Session } from './session';
import { activeIdentity } from './storedSession';

/**
 * Re-reads the account (and the servers, when they were loaded) from plex.tv. The session
 * follows plex.tv's answer: a refused token expires it, an accepted one makes it valid again,
 * and any other failure keeps everything as it was.
 */
export class RefreshService {
  constructor(
    private readonly clients: PlexClients,
    private readonly session: Session,
    private readonly catalog: ServerCatalog,
    private readonly ui: () => Ui,
    private readonly errors: ErrorReporter,
    private readonly log: Log,
    /** Clears the Servers view's load error. */
    private readonly onRefreshed: () => void,
  ) {}

  async refresh(): Promise<void> {
    const stored = this.session.stored;
    if (!stored) {
      void this.ui().info(vscode.l10n.t('Sign in to Plex first.'));
      return;
    }
    const { token } = activeIdentity(stored);
    try {
      await withCancellableProgress(vscode.l10n.t('Refreshing Plex...'), async (signal) => {
        // Account and servers in parallel: one round trip to plex.tv instead of two.
        const serversReload = this.catalog.cached === undefined ? Promise.resolve(undefined) : this.catalog.list(token, signal, true);
        void serversReload.catch(() => undefined); // awaited below, unless the account read fails first
        const account = await this.session.tracked(token, this.clients.plexTv().getAccount(token, { signal }));
        await this.session.accountRead(token, account);
        this.onRefreshed();
        await serversReload;
      });
    } catch (error) {
      if (this.session.stored?.token !== stored.token) {
        // Signed out (or in as someone else) while this ran: its failure is about a session that
        // is gone, e.g. the token the sign-out just revoked, and would contradict the user's last action.
        this.log.info('Refresh: the session changed while it ran; its result was dropped.');
        return;
      }
      this.errors.report(error, {
        action: 'Refresh',
        where: 'Plex',
        token,
        retry: () => vscode.commands.executeCommand('plex.refresh'),
      });
    }
  }
}
