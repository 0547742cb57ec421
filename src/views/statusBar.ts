import * as vscode from 'vscode';
import type { SessionView } from '../auth/sessionView';
import { plainText } from '../ui/plainText';
import { activeIdentity, type StoredSession } from '../auth/storedSession';
import { accountSummary } from './accountFields';

/** "admin → member" while acting as a Plex Home user. */
function shownName(session: StoredSession): string {
  const account = plainText(session.account.username || session.account.title);
  return session.homeUser ? `${account} → ${plainText(session.homeUser.account.title || session.homeUser.account.username)}` : account;
}

/** One item on the left: who is signed in, or how to sign in; a spinner while signing in. */
export class PlexStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('plex.status', vscode.StatusBarAlignment.Left, 0);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: SessionView) {
    this.item.name = vscode.l10n.t('Plex Account');
    this.subscription = state.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private update(): void {
    const { item, state } = this;
    const session = state.stored;
    item.backgroundColor = undefined;
    if (state.signingIn) {
      item.text = `$(loading~spin) ${vscode.l10n.t('Signing in to Plex...')}`;
      item.tooltip = vscode.l10n.t('A Plex sign-in is in progress.');
      item.command = undefined;
      return;
    }
    switch (state.status) {
      case 'signedOut':
        item.text = `$(account) ${vscode.l10n.t('Sign in to Plex')}`;
        item.tooltip = vscode.l10n.t('Sign in to your Plex account');
        item.command = 'plex.signIn';
        return;
      case 'expired':
        item.text = `$(warning) ${vscode.l10n.t('Plex session expired')}`;
        item.tooltip = vscode.l10n.t('Plex no longer accepts the stored token. Click to sign in again.');
        item.command = 'plex.signIn';
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        return;
      case 'signedIn':
        item.text = `$(account) ${session ? shownName(session) : ''}`;
        item.tooltip = session ? accountSummary(activeIdentity(session).account) : undefined;
        item.command = 'plex.statusBarActions';
        return;
    }
  }
}
