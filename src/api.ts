import type * as vscode from 'vscode';
import type { AuthStatus } from './auth/sessionView';

/** What `activate()` returns: read-only state for other extensions. No token. */
export interface PlexExtensionApi {
  readonly status: AuthStatus;
  readonly username: string | undefined;
  readonly signingIn: boolean;
  readonly onDidChangeState: vscode.Event<void>;
}
