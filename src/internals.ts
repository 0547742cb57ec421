import type * as vscode from 'vscode';
import type { PlexAuthenticationProvider } from './auth/authenticationProvider';
import type { Commands } from './commands/index';
import type { ConnectionSecurity } from './servers/connectionSecurity';
import type { Ui } from './ui/ui';
import type { AccountTreeProvider } from './views/accountTree';
import type { DeviceNode } from './views/deviceView';
import type { LazyTreeProvider } from './views/lazyTree';
import type { ServerNode } from './views/serversTree';

/**
 * The key of the extension's own objects on the API that activate() returns, present only in
 * ExtensionMode.Test and not enumerable. The integration tests build what they inspect and drive
 * from these (test/integration/testingApi.ts); the shipped code computes nothing for them.
 */
export const INTERNALS_KEY = Symbol.for('plex-vscode.internals');

export interface ExtensionInternals {
  readonly security: ConnectionSecurity;
  readonly serversTree: LazyTreeProvider<ServerNode>;
  readonly devicesTree: LazyTreeProvider<DeviceNode>;
  readonly authenticationProvider: PlexAuthenticationProvider;
  readonly accountTree: AccountTreeProvider;
  readonly secrets: vscode.SecretStorage;
  /** Where the "Plex" log channel writes its files. */
  readonly logUri: vscode.Uri;
  readonly globalState: vscode.Memento;
  readonly subscriptions: vscode.Disposable[];
  /** The command code if a command has run (or the Servers view loaded), without loading it. */
  loadedCommands(): Commands | undefined;
  /** The command code, loading it if needed. */
  commands(): Commands;
  /** Replaces the prompts and messages; undefined restores the real ones. */
  overrideUi(ui: Ui | undefined): void;
  /** The module's deactivate(), which VS Code calls (then disposes the subscriptions) and awaits. */
  deactivate(): Promise<void>;
}
