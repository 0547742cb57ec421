import * as vscode from 'vscode';
import type { Log } from '../log';
import { failureKind } from '../plex/failure';
import { describeFailure } from '../ui/errorMessages';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import type { Ui } from '../ui/ui';
import type { PlexGateway } from './gateway/plexGateway';
import type { DeviceKeyStore } from './jwt/deviceKeyStore';
import type { Session } from './session';
import { accountKey, type StoredSession } from './storedSession';

export interface SignOutOptions {
  confirm: boolean;
  /** plex.tv already revoked the token (this device was removed from the account): only forget it here. */
  alreadyRevoked?: boolean;
}

export class SignOutService {
  private running: Promise<boolean> | undefined;

  constructor(
    private readonly gateway: PlexGateway,
    private readonly session: Session,
    private readonly ui: () => Ui,
    private readonly log: Log,
    private readonly keys: DeviceKeyStore,
  ) {}

  /**
   * Revokes the token at plex.tv (best effort) and forgets it here. Failing to reach plex.tv
   * still signs out locally, and says so. Resolves false when there was nothing to do or the
   * user declined.
   */
  signOut(options: SignOutOptions): Promise<boolean> {
    // A second click while one runs joins it: one confirmation, one revocation, one message.
    this.running ??= this.run(options).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Signs out of the account `key` (VS Code's Accounts menu, which has already asked): the active
   * one as Sign Out does; another one has its own token revoked and is forgotten, and the active
   * account is untouched. False when no account has that key.
   */
  async signOutOf(key: string): Promise<boolean> {
    const active = this.session.stored;
    if (active && accountKey(active) === key) {
      return this.signOut({ confirm: false });
    }
    const other = this.session.otherAccounts.find((account) => accountKey(account.session) === key)?.session;
    if (!other) {
      return false;
    }
    const revoked = await this.revoked((signal) => this.gateway.revokeOtherAccount(other, signal));
    const ui = this.ui();
    try {
      await this.session.signedOutOther(key);
    } catch (error) {
      void ui.error(describeFailure(error, 'Plex'));
      return false;
    }
    if (other.jwt) {
      await this.keys.forget(key);
    }
    if (revoked) {
      void ui.info(vscode.l10n.t('Signed out of Plex as {0}.', plainText(other.account.username)));
    } else {
      void ui.warn(
        vscode.l10n.t('Signed out on this computer, but plex.tv did not confirm that it revoked the token. You can revoke it under Authorized Devices on plex.tv.'),
      );
    }
    return true;
  }

  /** Revokes a token at plex.tv, with progress: whether plex.tv confirmed it (a token it already refuses is as good as revoked). */
  private async revoked(revoke: (signal: AbortSignal) => Promise<void>): Promise<boolean> {
    try {
      await withCancellableProgress(vscode.l10n.t('Signing out of Plex...'), revoke);
      return true;
    } catch (error) {
      if (failureKind(error) === 'token-invalid') {
        return true;
      }
      this.log.error('Could not revoke the token at plex.tv', error);
      return false;
    }
  }

  private async run(options: SignOutOptions): Promise<boolean> {
    const ui = this.ui();
    const ticket = this.gateway.ticket();
    if (!ticket) {
      void ui.info(vscode.l10n.t('You are not signed in to Plex.'));
      return false;
    }
    if (options.confirm && !(await ui.confirmSignOut(ticket.session.account.username))) {
      return false;
    }
    // What is signed out is the sign-in the user confirmed: a JWT renewal or a Home switch meanwhile
    // keeps it; a sign-out elsewhere already did it; another sign-in is not the one confirmed.
    const now = this.gateway.ticket();
    if (!now) {
      void ui.info(vscode.l10n.t('Signed out of Plex.'));
      return true;
    }
    if (!sameSignIn(now.session, ticket.session)) {
      void ui.info(vscode.l10n.t('You signed in again while you were asked, so nothing was signed out. Sign out again to sign out of {0}.', plainText(now.session.account.username)));
      return false;
    }
    // The token current when the request goes: a JWT renewed meanwhile is the one to revoke.
    const revoked = options.alreadyRevoked === true || (await this.revoked((signal) => this.gateway.revoke(now, signal)));
    // A JWT renewal meanwhile (here or in another window) is the same session: it is signed out too.
    const current = this.session.stored;
    if (current && sameSignIn(current, now.session)) {
      const jwt = current.jwt ?? now.session.jwt;
      try {
        await this.session.signedOut();
      } catch (error) {
        // Still signed in here (the secret is still there): say so, and what to do.
        void ui.error(describeFailure(error, 'Plex'));
        return false;
      }
      if (jwt) {
        await this.keys.forget(accountKey(now.session)); // its next sign-in makes a new device key
      }
    }
    if (revoked) {
      void ui.info(vscode.l10n.t('Signed out of Plex.'));
    } else {
      void ui.warn(
        // Not "could not be reached": plex.tv may have answered, with an error (fault matrix).
        vscode.l10n.t('Signed out on this computer, but plex.tv did not confirm that it revoked the token. You can revoke it under Authorized Devices on plex.tv.'),
      );
    }
    return true;
  }
}

/** The same sign-in, whatever was renewed or switched since. */
function sameSignIn(a: StoredSession, b: StoredSession): boolean {
  return a.signedInAt === b.signedInAt && a.account.uuid === b.account.uuid;
}
