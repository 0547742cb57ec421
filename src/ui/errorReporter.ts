import * as vscode from 'vscode';
import type { SessionView } from '../auth/sessionView';
import type { StoredSession } from '../auth/storedSession';
import type { Log } from '../log';
import { failureKind } from '../plex/failure';
import type { Ui } from './ui';
import { describeFailure, isTransient } from './errorMessages';
import { plainText } from './plainText';

/**
 * Turns a failed action into one message with the actions that help: Retry for passing
 * trouble, Sign In Again for a refused token, Show Log always. It only reports: the session
 * follows the request's answer by itself (src/auth/session.ts).
 */
export class ErrorReporter {
  constructor(
    private readonly ui: () => Ui,
    private readonly log: Log,
    private readonly session: SessionView,
    /** Starts a sign-in (Sign In Again). */
    private readonly signIn: () => unknown,
  ) {}

  /** Shows the message and returns at once; the user's answer is handled when it comes. */
  /** `session`: the session the action began with; absent for a sign-in, which has none yet. */
  report(error: unknown, context: { action: string; where: string; session?: StoredSession; retry?: () => unknown }): void {
    const kind = failureKind(error);
    if (kind === 'cancelled') {
      this.log.info(`${context.action}: cancelled`);
      return;
    }
    this.log.error(context.action, error);
    // `where` may be a server's name, which the server chose: no links in the notification.
    // A refused token with no session behind it is a sign-in that plex.tv turned down at the
    // last step (the account read after approval), not an expired session.
    const message = this.refusedMessage(kind, context.session) ?? describeFailure(error, plainText(context.where));
    const showLog = vscode.l10n.t('Show Log');
    if (kind === 'token-invalid' && !this.wasHomeUser(context.session)) {
      const signIn = vscode.l10n.t('Sign In Again');
      void this.ui()
        .error(message, signIn, showLog)
        .then((answer) => {
          if (answer === signIn) {
            void this.signIn();
          } else if (answer === showLog) {
            this.log.show();
          }
        });
      return;
    }
    const retry = vscode.l10n.t('Retry');
    const actions = context.retry && isTransient(error) ? [retry, showLog] : [showLog];
    void this.ui()
      .error(message, ...actions)
      .then((answer) => {
        if (answer === retry && context.retry) {
          void context.retry();
        } else if (answer === showLog) {
          this.log.show();
        }
      });
  }

  /** A refused token means different things: a sign-in turned down, or a Home user's token (the session fell back). */
  private refusedMessage(kind: string | undefined, session: StoredSession | undefined): string | undefined {
    if (kind !== 'token-invalid') {
      return undefined;
    }
    if (!session) {
      return vscode.l10n.t('Plex did not accept the new sign-in. Try again, or sign in another way.');
    }
    return this.wasHomeUser(session)
      ? vscode.l10n.t('Plex no longer accepts the Home user you acted as. You act as your own account again.')
      : undefined;
  }

  /** The action ran as a Home user the session no longer acts as: its refusal already put the account back (Session.tracked). */
  private wasHomeUser(session: StoredSession | undefined): boolean {
    const homeUser = session?.homeUser;
    return homeUser !== undefined && this.session.stored !== undefined && this.session.stored.homeUser?.uuid !== homeUser.uuid;
  }
}
