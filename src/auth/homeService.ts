import * as vscode from 'vscode';
import { failureKind, plexFailure } from '../plex/failure';
import type { PlexHome, PlexHomeUser } from '../plex/accountToolsTypes';
import { describeFailure } from '../ui/errorMessages';
import type { ErrorReporter } from '../ui/errorReporter';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import type { Ui } from '../ui/ui';
import type { PlexGateway, SessionTicket } from './gateway/plexGateway';

/** Wrong PINs accepted before the switch gives up. */
const PIN_TRIES = 3;

/**
 * Plex Home: lists the Home's users and switches the session to one of them (or back). The
 * administrator's token stays the session's own; the Home user's token is kept beside it in the
 * same secret. PINs are sent once and never kept.
 */
export class HomeService {
  constructor(
    private readonly gateway: PlexGateway,
    private readonly ui: () => Ui,
    private readonly errors: ErrorReporter,
  ) {}

  /** The Home's users as last read, kept until Refresh: the view and the switch picker share them. */
  private known: { signIn: string; home: PlexHome } | undefined;

  /** The Home's users, read with the account's own token (once per sign-in, until `forget`). */
  async listUsers(ticket: SessionTicket, signal: AbortSignal): Promise<PlexHome> {
    if (this.known?.signIn === ticket.signIn) {
      return this.known.home;
    }
    const home = await this.gateway.asAccount(ticket).accountTools((tools, token) => tools.listHomeUsers(token, { signal }));
    this.known = { signIn: ticket.signIn, home };
    return home;
  }

  /** The next list reads plex.tv again. */
  forget(): void {
    this.known = undefined;
  }

  /** For the Plex Home view: the Home, or the sentence that says why it could not be read (progress in the view). */
  async loadForView(ticket: SessionTicket): Promise<PlexHome | { failure: string }> {
    try {
      return await withCancellableProgress('', (signal) => this.listUsers(ticket, signal), { viewId: 'plex.home' });
    } catch (error) {
      if (failureKind(error) === 'token-invalid') {
        this.errors.report(error, { action: 'Loading Plex Home', where: 'Plex', session: ticket.session });
      }
      return { failure: describeFailure(error, 'Plex') };
    }
  }

  /**
   * Switches to the Home user with `userUuid` (the id the Plex Home view passes), or asks which;
   * the account itself switches back without a request. A uuid plex.tv does not list in this
   * account's Home is refused before anything is sent.
   */
  async switchTo(userUuid?: string): Promise<void> {
    const ticket = this.gateway.ticket();
    if (!ticket) {
      void this.ui().info(vscode.l10n.t('Sign in to Plex first.'));
      return;
    }
    const stored = ticket.session;
    try {
      if (userUuid === stored.account.uuid) {
        await this.switchBack(ticket); // the account itself: no request, nothing to look up
        return;
      }
      const chosen = userUuid === undefined ? await this.pick(ticket) : await this.resolve(ticket, userUuid);
      if (!chosen) {
        return;
      }
      if (chosen.admin || chosen.uuid === stored.account.uuid) {
        await this.switchBack(ticket);
        return;
      }
      if (stored.homeUser?.uuid === chosen.uuid) {
        void this.ui().info(vscode.l10n.t('Already acting as {0}.', plainText(chosen.title)));
        return;
      }
      await this.switchToMember(ticket, chosen);
    } catch (error) {
      if (failureKind(error) === 'home-user-not-found') {
        this.forget();
        void this.ui().error(vscode.l10n.t('That user is no longer in your Plex Home. Refresh the Plex Home view.'));
        return;
      }
      this.errors.report(error, {
        action: 'Switch Home user',
        where: 'Plex',
        session: stored,
        retry: () => this.switchTo(userUuid),
      });
    }
  }

  /** The user plex.tv lists in this account's Home under `userUuid` (read again once if the kept list lacks it). */
  private async resolve(ticket: SessionTicket, userUuid: string): Promise<PlexHomeUser> {
    const read = (): Promise<PlexHome> => withCancellableProgress(vscode.l10n.t('Reading your Plex Home...'), (signal) => this.listUsers(ticket, signal));
    const find = (home: PlexHome) => home.users.find((user) => user.uuid === userUuid);
    let user = find(await read());
    if (!user) {
      this.forget();
      user = find(await read());
    }
    if (!user) {
      throw plexFailure('not-allowed', vscode.l10n.t('That user is not in your Plex Home as Plex lists it, so nothing was switched. Refresh the Plex Home view and choose there.'));
    }
    return user;
  }

  private async pick(ticket: SessionTicket): Promise<PlexHomeUser | undefined> {
    const stored = ticket.session;
    const home = await withCancellableProgress(vscode.l10n.t('Reading your Plex Home...'), (signal) => this.listUsers(ticket, signal));
    if (!home.inHome) {
      void this.ui().info(vscode.l10n.t('Your Plex account is not in a Plex Home.'));
      return undefined;
    }
    const active = stored.homeUser?.uuid ?? stored.account.uuid;
    return this.ui().pickHomeUser(home.users, active);
  }

  private async switchBack(ticket: SessionTicket): Promise<void> {
    const stored = ticket.session;
    if (!stored.homeUser) {
      void this.ui().info(vscode.l10n.t('Already acting as {0}.', plainText(stored.account.username || stored.account.title)));
      return;
    }
    await this.gateway.switchIdentity(ticket, undefined);
    void this.ui().info(vscode.l10n.t('Acting as {0} again.', plainText(stored.account.username || stored.account.title)));
  }

  private async switchToMember(ticket: SessionTicket, user: PlexHomeUser): Promise<void> {
    let pin: string | undefined;
    if (user.protected) {
      pin = await this.ui().askHomePin(user.title, false);
      if (pin === undefined) {
        return;
      }
    }
    for (let tries = 1; ; tries++) {
      try {
        const switched = await withCancellableProgress(vscode.l10n.t('Switching to {0}...', plainText(user.title)), (signal) =>
          this.gateway.switchHomeUser(ticket, { uuid: user.uuid, pin }, signal),
        );
        if (!this.gateway.isCurrent(ticket)) {
          return; // signed out (or in as someone else, or switched) meanwhile
        }
        await this.gateway.switchIdentity(ticket, { uuid: user.uuid, ...switched });
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
