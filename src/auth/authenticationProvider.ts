import * as vscode from 'vscode';
import type { SessionStore, StoredSession } from './sessionStore';

/**
 * The `plex` authentication provider: the Accounts menu and other extensions see the same
 * stored session the rest of the extension uses. One account at a time.
 */
export class PlexAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  private readonly subscription: vscode.Disposable;
  private previous: vscode.AuthenticationSession | undefined;

  readonly onDidChangeSessions = this.changeEmitter.event;

  constructor(
    private readonly store: SessionStore,
    // The sign-in and sign-out code loads with the commands, when first needed.
    private readonly signIn: () => Promise<StoredSession | undefined>,
    private readonly signOut: () => Promise<void>,
  ) {
    this.previous = toAuthenticationSession(store.session);
    this.subscription = store.onDidChange((session) => this.sessionChanged(session));
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const session = toAuthenticationSession(this.store.session);
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
  return {
    id: stored.account.uuid || String(stored.account.id),
    accessToken: stored.token,
    account: { id: String(stored.account.id), label: stored.account.username },
    scopes: [],
  };
}
