import * as vscode from 'vscode';
import type { SessionStore, StoredSession } from './sessionStore';

export type AuthStatus = 'signedOut' | 'signedIn' | 'expired';

/**
 * What every view shows: signed out, signed in, or signed in with a token Plex no longer
 * accepts ("expired"). The stored credentials stay until the user signs in again or out.
 */
export class AuthState implements vscode.Disposable {
  private expiredToken: string | undefined;
  private signingInCount = 0;
  /** What the context keys were last set to; a key never set counts as false in when clauses. */
  private readonly contextKeys = new Map<string, boolean>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly store: SessionStore) {
    this.subscription = store.onDidChange(() => this.changed());
  }

  get session(): StoredSession | undefined {
    return this.store.session;
  }

  get status(): AuthStatus {
    const session = this.store.session;
    if (!session) {
      return 'signedOut';
    }
    return session.token === this.expiredToken ? 'expired' : 'signedIn';
  }

  get signingIn(): boolean {
    return this.signingInCount > 0;
  }

  /** Plex refused this token (401). Only the session that used it is marked. */
  markExpired(token: string): void {
    if (this.store.session?.token === token && this.expiredToken !== token) {
      this.expiredToken = token;
      this.changed();
    }
  }

  /** Plex accepted this token again (a refresh worked after all). */
  markValid(token: string): void {
    if (this.expiredToken === token) {
      this.expiredToken = undefined;
      this.changed();
    }
  }

  /** Shows the spinner for the duration of `task`. */
  async whileSigningIn<T>(task: () => Promise<T>): Promise<T> {
    this.signingInCount++;
    this.changed();
    try {
      return await task();
    } finally {
      this.signingInCount--;
      this.changed();
    }
  }

  /** Publishes the current state to context keys and listeners (used once after loading). */
  refresh(): void {
    this.changed();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private changed(): void {
    const status = this.status;
    this.setContextKey('plex.signedIn', status === 'signedIn');
    this.setContextKey('plex.sessionExpired', status === 'expired');
    this.setContextKey('plex.signingIn', this.signingIn);
    this.changeEmitter.fire();
  }

  // Each setContext is a round trip to the workbench: only changes are sent (on a signed-out
  // start, none), which keeps them off activation and a sign-in's path (npm run bench).
  private setContextKey(key: string, value: boolean): void {
    if ((this.contextKeys.get(key) ?? false) !== value) {
      this.contextKeys.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  }
}
