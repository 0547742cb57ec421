import * as vscode from 'vscode';
import { failureKind } from '../plex/failure';
import type { PlexHome, PlexHomeUser } from '../plex/accountToolsTypes';
import type { PlexClients } from '../plexApi';
import { describeFailure } from '../ui/errorMessages';
import type { ErrorReporter } from '../ui/errorReporter';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import type { Ui } from '../ui/ui';
import type { Session } from './session';
import type { StoredSession } from './storedSession';

/** Wrong PINs accepted before the switch gives up. */
const PIN_TRIES = 3;

/**
 * Plex Home: lists the Home's users and switches the session to one of them (or back). The
 * administrator's token stays the session's own; the Home user's token is kept beside it in the
 * same secret. PINs are sent once and never kept.
 */
export class HomeService {
  constructor(
    private readonly clients: PlexClients,
    private readonly session: Session,
    private readonly ui: () => Ui,
    private readonly errors: ErrorReporter,
  ) {}

  /** The Home's users as last read, kept until Refresh: the view and the switch picker share them. */
  private known: { token: string; home: PlexHome } | undefined;

  /** The Home's users, read with the account's own token (once, until `forget`). */
  async listUsers(token: string, signal: AbortSignal): Promise<PlexHome> {
    if (this.known?.token === token) {
      return this.known.home;
    }
    const home = await this.session.tracked(token, this.clients.accountTools().listHomeUsers(token, { signal }));
    this.known = { token, home };
    return home;
  }

  /** The next list reads plex.tv again. */
  forget(): void {
    this.known = undefined;
  }

  /** For the Plex Home view: the Home, or the sentence that says why it could not be read (progress in the view). */
  async loadForView(token: string): Promise<PlexHome | { failure: string }> {
    try {
      return await withCancellableProgress('', (signal) => this.listUsers(token, signal), { viewId: 'plex.home' });
    } catch (error) {
      if (failureKind(error) === 'token-invalid') {
        this.errors.report(error, { action: 'Loading Plex Home', where: 'Plex', token });
      }
      return { failure: describeFailure(error, 'Plex') };
    }
  }

  /** Switches to `user`, or asks which; the account itself switches back without a request. */
  async switchTo(user?: PlexHomeUser): Promise<void> {
    const stored = this.session.stored;
    if (!stored) {
      void this.ui().info(vscode.l10n.t('Sign in to Plex first.'));
      return;
    }
    try {
      const chosen = user ?? (await this.pick(stored));
      if (!chosen) {
        return;
      }
      if (chosen.admin || chosen.uuid === stored.account.uuid) {
        await this.switchBack(stored);
        return;
      }
      if (stored.homeUser?.uuid === chosen.uuid) {
        void this.ui().info(vscode.l10n.t('Already acting as {0}.', plainText(chosen.title)));
        return;
      }
      await this.switchToMember(stored, chosen);
    } catch (error) {
      if (failureKind(error) === 'home-user-not-found') {
        this.forget();
        void this.ui().error(vscode.l10n.t('That user is no longer in your Plex Home. Refresh the Plex Home view.'));
        return;
      }
      this.errors.report(error, {
        action: 'Switch Home user',
        where: 'Plex',
        token: stored.token,
        retry: () => this.switchTo(user),
      });
    }
  }

  private async pick(stored: StoredSession): Promise<PlexHomeUser | undefined> {
    const home = await withCancellableProgress(vscode.l10n.t('Reading your Plex Home...'), (signal) => this.listUsers(stored.token, signal));
    if (!home.inHome) {
      void this.ui().info(vscode.l10n.t('Your Plex account is not in a Plex Home.'));
      return undefined;
    }
    const active = stored.homeUser?.uuid ?? stored.account.uuid;
    return this.ui().pickHomeUser(home.users, active);
  }

  private async switchBack(stored: StoredSession): Promise<void> {
    if (!stored.homeUser) {
      void this.ui().info(vscode.l10n.t('Already acting as {0}.', plainText(stored.account.username || stored.account.title)));
      return;
    }
    const { homeUser: _left, ...account } = stored;
    await this.session.updated(stored.token, () => account);
    void this.ui().info(vscode.l10n.t('Acting as {0} again.', plainText(stored.account.username || stored.account.title)));
  }

  private async switchToMember(stored: StoredSession, user: PlexHomeUser): Promise<void> {
    const tools = this.clients.accountTools();
    let pin: string | undefined;
    if (user.protected) {
      pin = await this.ui().askHomePin(user.title, false);
      if (pin === undefined) {
        return;
      }
    }
    for (let tries = 1; ; tries++) {
      try {
        const switched = await withCancellableProgress(vscode.l10n.t('Switching to {0}...', plainText(user.title)), async (signal) => {
          const answer = await this.session.tracked(stored.token, tools.switchHomeUser(stored.token, { uuid: user.uuid, pin }, { signal }));
          const account = answer.account ?? (await this.clients.plexTv().getAccount(answer.authToken, { signal }));
          return { token: answer.authToken, account };
        });
        if (this.session.stored?.token !== stored.token) {
          return; // signed out (or in as someone else) meanwhile
        }
        await this.session.updated(stored.token, (current) => ({ ...current, homeUser: { uuid: user.uuid, ...switched } }));
        void this.ui().info(vscode.l10n.t('Now acting as {0}.', plainText(user.title)));
        return;
      } catch (error) {
        if (failureKind(error) !== 'home-pin-invalid') {
          throw error;
        }
        if (tries >= PIN_TRIES) {
          void this.ui().error(vscode.l10n.t('The PIN for {0} was not accepted {1} times. Try again later.', plainText(user.title), PIN_TRIES));
          return;
        }
        pin = await this.ui().askHomePin(user.title, true);
        if (pin === undefined) {
          return;
        }
      }
    }
  }
}
