import type * as vscode from 'vscode';
import type { SessionState } from './sessionState';
import type { StoredSession } from './storedSession';

export type AuthStatus = 'signedOut' | 'signedIn' | 'expired';

/**
 * The session as the views, the status bar and the server code see it: read-only. Only the auth
 * services change it (src/auth/session.ts); everything else follows `onDidChange`.
 */
export interface SessionView {
  readonly state: SessionState;
  /** What the views show: a running sign-in keeps the status it started from. */
  readonly status: AuthStatus;
  readonly stored: StoredSession | undefined;
  /** The token requests are made with: the Home user's while acting as one, else the account's. */
  readonly activeToken: string | undefined;
  readonly signingIn: boolean;
  /** The accounts signed in beside the active one (no view or request acts as them), each with whether plex.tv refused its token. */
  readonly otherAccounts: readonly { readonly session: StoredSession; readonly expired: boolean }[];
  /**
   * Bumped by every sign-in, sign-out, account change and Home switch, not by a JWT renewal: "did
   * the session change while this ran?" compares generations, never tokens.
   */
  readonly generation: number;
  readonly onDidChange: vscode.Event<void>;
}

/** Authenticated plex.tv requests, whose answers move the session (a 401 expires it). */
export interface AccountRequests {
  /** Settles as `request` does, after telling the session how plex.tv answered `token`. */
  tracked<T>(token: string, request: Promise<T>): Promise<T>;
}
