import * as vscode from 'vscode';
import type { SessionView } from './sessionView';
import { accountKey, accountLabel, activeIdentity, type StoredSession } from './storedSession';

/**
 * The `plex` authentication provider, with every signed-in account (`supportsMultipleAccounts`):
 * the Accounts menu lists each with its own Sign Out, and other extensions see the same sessions
 * the rest of the extension uses (signed in, or expired until the user acts). It follows the
 * session by its events and reports added, removed and changed sessions per account.
 */
export class PlexAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  private readonly subscription: vscode.Disposable;
  private previous: readonly vscode.AuthenticationSession[];

  readonly onDidChangeSessions = this.changeEmitter.event;

  constructor(
    private readonly session: SessionView,
    // The sign-in and sign-out code loads with the commands, when first needed.
    private readonly signIn: () => Promise<StoredSession | undefined>,
    /** Signs out of the account with this session id (its account key). */
    private readonly signOut: (sessionId: string) => Promise<void>,
  ) {
    this.previous = this.sessions();
    this.subscription = session.onDidChange(() => this.sessionChanged());
  }

  /** Every account's session, the active one first; with `account`, only that account's. */
  async getSessions(_scopes?: readonly string[], options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    const sessions = this.sessions();
    const wanted = options?.account?.id;
    return wanted === undefined ? sessions : sessions.filter((session) => session.account.id === wanted);
  }

  /** VS Code asks for a new session (the Accounts menu, or an extension's request): a sign-in that adds an account. */
  async createSession(): Promise<vscode.AuthenticationSession> {
    const stored = await this.signIn();
    const session = stored && toAuthenticationSession(stored);
    if (!session) {
      throw new Error(vscode.l10n.t('Sign-in to Plex was cancelled or did not complete.'));
    }
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    // The Accounts menu has already asked the user.
    await this.signOut(sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private sessions(): vscode.AuthenticationSession[] {
    const active = this.session.stored;
    const all = active ? [active, ...this.session.otherAccounts.map((other) => other.session)] : [];
    return all.map(toAuthenticationSession);
  }

  private sessionChanged(): void {
    const next = this.sessions();
    const previous = new Map(this.previous.map((session) => [session.id, session]));
    const nextIds = new Set(next.map((session) => session.id));
    this.previous = next;
    const added: vscode.AuthenticationSession[] = [];
    const changed: vscode.AuthenticationSession[] = [];
    for (const session of next) {
      const before = previous.get(session.id);
      if (!before) {
        added.push(session);
      } else if (before.accessToken !== session.accessToken || before.account.id !== session.account.id || before.account.label !== session.account.label) {
        changed.push(session);
      }
    }
    const removed = [...previous.values()].filter((session) => !nextIds.has(session.id));
    // Expired, signing in, a switch of the active account, or a refresh that read the same account: nothing other extensions see.
    if (added.length > 0 || removed.length > 0 || changed.length > 0) {
      this.changeEmitter.fire({ added, removed, changed });
    }
  }
}

function toAuthenticationSession(stored: StoredSession): vscode.AuthenticationSession {
  // Other extensions act as whoever this account acts as: the Home user switched to, else the account.
  // One session per account: switching Home users changes it, it does not replace it.
  const { token, account } = activeIdentity(stored);
  return {
    id: accountKey(stored),
    accessToken: token,
    account: { id: String(account.id), label: accountLabel(stored) },
    scopes: [],
  };
}
