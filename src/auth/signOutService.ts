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
import type { StoredSession } from './storedSession';

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
    let revoked: boolean;
    try {
      if (!options.alreadyRevoked) {
        // The token current when the request goes: a JWT renewed meanwhile is the one to revoke.
        await withCancellableProgress(vscode.l10n.t('Signing out of Plex...'), (signal) => this.gateway.revoke(now, signal));
      }
      revoked = true;
    } catch (error) {
      // A token Plex already refuses is as good as revoked.
      revoked = failureKind(error) === 'token-invalid';
      if (!revoked) {
        this.log.error('Could not revoke the token at plex.tv', error);
      }
    }
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
        await this.keys.forget(); // the next sign-in makes a new device key
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
