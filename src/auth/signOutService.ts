import * as vscode from 'vscode';
import type { PlexClients } from '../plexApi';
import type { Log } from '../log';
import { failureKind } from '../plex/failure';
import { describeFailure } from '../ui/errorMessages';
import { withCancellableProgress } from '../ui/progress';
import type { Ui } from '../ui/ui';
import type { DeviceKeyStore } from './jwt/deviceKeyStore';
import type { Session } from './session';

export interface SignOutOptions {
  confirm: boolean;
  /** plex.tv already revoked the token (this device was removed from the account): only forget it here. */
  alreadyRevoked?: boolean;
}

export class SignOutService {
  private running: Promise<boolean> | undefined;

  constructor(
    private readonly clients: PlexClients,
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
    const session = this.session.stored;
    if (!session) {
      void ui.info(vscode.l10n.t('You are not signed in to Plex.'));
      return false;
    }
    if (options.confirm && !(await ui.confirmSignOut(session.account.username))) {
      return false;
    }
    let revoked: boolean;
    try {
      if (!options.alreadyRevoked) {
        await withCancellableProgress(vscode.l10n.t('Signing out of Plex...'), (signal) =>
          this.clients.plexTv().signOut(session.token, { signal }),
        );
      }
      revoked = true;
    } catch (error) {
      // A token Plex already refuses is as good as revoked.
      revoked = failureKind(error) === 'token-invalid';
      if (!revoked) {
        this.log.error('Could not revoke the token at plex.tv', error);
      }
    }
    if (this.session.stored?.token === session.token) {
      try {
        await this.session.signedOut();
      } catch (error) {
        // Still signed in here (the secret is still there): say so, and what to do.
        void ui.error(describeFailure(error, 'Plex'));
        return false;
      }
      if (session.jwt) {
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
