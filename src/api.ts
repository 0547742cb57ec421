import type * as vscode from 'vscode';
import type { AuthStatus } from './auth/sessionView';

/**
 * What `activate()` returns: read-only state for other extensions. No token, and not who is signed
 * in: that is the user's to share, through `vscode.authentication.getSession('plex', ...)`, which asks.
 */
export interface PlexExtensionApi {
  readonly status: AuthStatus;
  readonly signingIn: boolean;
  readonly onDidChangeState: vscode.Event<void>;
}
