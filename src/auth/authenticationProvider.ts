import * as vscode from 'vscode';
import type { SessionView } from './sessionView';
import { activeIdentity, type StoredSession } from './storedSession';

/**
 * The `plex` authentication provider: the Accounts menu and other extensions see the same
 * session the rest of the extension uses (signed in, or expired until the user acts). One
 * account at a time; it follows the session by its events.
 */
export class PlexAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  private readonly subscription: vscode.Disposable;
  private previous: vscode.AuthenticationSession | undefined;

  readonly onDidChangeSessions = this.changeEmitter.event;

  constructor(
    private readonly session: SessionView,
    // The sign-in and sign-out code loads with the commands, when first needed.
    private readonly signIn: () => Promise<StoredSession | undefined>,
    private readonly signOut: () => Promise<void>,
  ) {
    this.previous = toAuthenticationSession(session.stored);
    this.subscription = session.onDidChange(() => this.sessionChanged(session.stored));
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const session = toAuthenticationSession(this.session.stored);
    return session ? [session] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const stored = await this.signIn();
    const session = toAuthenticationSession(stored);
    if (!session) {
      throw new Error(vscode.l10n.t('Sign-in to Plex was cancelled or did not complete.'));
    }
    return session;
  }

  async removeSession(): Promise<void> {
    // The Accounts menu has already asked the user.
    await this.signOut();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private sessionChanged(stored: StoredSession | undefined): void {
    const next = toAuthenticationSession(stored);
    const previous = this.previous;
    if (next?.id === previous?.id && next?.accessToken === previous?.accessToken && next?.account.label === previous?.account.label) {
      return; // expired, signing in, or a refresh that read the same account: nothing other extensions see
    }
    this.previous = next;
    if (!previous && next) {
      this.changeEmitter.fire({ added: [next], removed: [], changed: [] });
    } else if (previous && !next) {
      this.changeEmitter.fire({ added: [], removed: [previous], changed: [] });
    } else if (previous && next && previous.id !== next.id) {
      this.changeEmitter.fire({ added: [next], removed: [previous], changed: [] });
    } else if (previous && next) {
      this.changeEmitter.fire({ added: [], removed: [], changed: [next] });
    }
  }
}

function toAuthenticationSession(stored: StoredSession | undefined): vscode.AuthenticationSession | undefined {
  if (!stored) {
    return undefined;
  }
  // Other extensions act as whoever this extension acts as: the Home user switched to, else the account.
  // One session per sign-in: switching Home users changes it, it does not replace it.
  const { token, account } = activeIdentity(stored);
  return {
    id: stored.account.uuid || String(stored.account.id),
    accessToken: token,
    account: { id: String(account.id), label: account.username || account.title },
    scopes: [],
  };
}
