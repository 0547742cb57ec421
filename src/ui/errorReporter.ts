import * as vscode from 'vscode';
import type { SessionView } from '../auth/sessionView';
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
  ) {}

  /** Shows the message and returns at once; the user's answer is handled when it comes. */
  report(error: unknown, context: { action: string; where: string; token?: string; retry?: () => unknown }): void {
    const kind = failureKind(error);
    if (kind === 'cancelled') {
      this.log.info(`${context.action}: cancelled`);
      return;
    }
    this.log.error(context.action, error);
    // `where` may be a server's name, which the server chose: no links in the notification.
    // A refused token with no session behind it is a sign-in that plex.tv turned down at the
    // last step (the account read after approval), not an expired session.
    const message = this.refusedMessage(kind, context.token) ?? describeFailure(error, plainText(context.where));
    const showLog = vscode.l10n.t('Show Log');
    if (kind === 'token-invalid' && !this.wasHomeUsersToken(context.token)) {
      const signIn = vscode.l10n.t('Sign In Again');
      void this.ui()
        .error(message, signIn, showLog)
        .then((answer) => {
          if (answer === signIn) {
            void vscode.commands.executeCommand('plex.signIn');
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
  private refusedMessage(kind: string | undefined, token: string | undefined): string | undefined {
    if (kind !== 'token-invalid') {
      return undefined;
    }
    if (!token) {
      return vscode.l10n.t('Plex did not accept the new sign-in. Try again, or sign in another way.');
    }
    return this.wasHomeUsersToken(token)
      ? vscode.l10n.t('Plex no longer accepts the Home user you acted as. You act as your own account again.')
      : undefined;
  }

  /** A request made as a Home user; its refusal already put the account back (Session.tracked). */
  private wasHomeUsersToken(token: string | undefined): boolean {
    const stored = this.session.stored;
    return token !== undefined && stored !== undefined && stored.token !== token;
  }
}
