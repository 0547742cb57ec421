import type * as vscode from 'vscode';
import type { AuthStatus } from './auth/sessionView';
import type { Ui } from './ui/ui';

/** What `activate()` returns: read-only state for other extensions and the tests. No token. */
export interface PlexExtensionApi {
  readonly status: AuthStatus;
  readonly username: string | undefined;
  readonly signingIn: boolean;
  readonly onDidChangeState: vscode.Event<void>;
  /** Benchmark probe (`npm run bench`): ms this extension's own code ran from its bundle starting to
   * load to activate() resolving, waits excluded (see activationClock.ts). */
  readonly activationTimeMs: number;
  /** Only when VS Code runs the extension's tests (ExtensionMode.Test). */
  readonly testing?: PlexTestingApi;
}

export interface PlexTestingApi {
  /** Replaces the prompts and messages with a scripted Ui; undefined restores the real one. */
  setUi(ui: Ui | undefined): void;
  /** The raw value in SecretStorage, to check what is stored and where. */
  readStoredSession(): Promise<string | undefined>;
  /** Names of the cached servers, undefined when not loaded. */
  cachedServerNames(): string[] | undefined;
  defaultServerId(): string | undefined;
  /** Forgets the default server, so each test starts from the same place. */
  forgetDefaultServer(): Promise<void>;
  /** The provider's own answer: a silent getSession() from a test has no access consent. */
  authenticationSessions(): Promise<readonly vscode.AuthenticationSession[]>;
  /** Clipboard clears still waiting. */
  pendingClipboardClears(): number;
  /** Progress notifications still running; 0 once every action has settled. */
  activeProgress(): number;
  /** Cancels every running progress (or only those with this title), as its Cancel button would. */
  cancelProgress(title?: string): void;
  /** Poll waits of the browser sign-in still pending; 0 once it ended or was cancelled. */
  pendingPollTimers(): number;
  /** Treats these host:port values as another computer, so tests never need a non-loopback address. */
  treatAsRemote(hosts: readonly string[]): void;
  /** Forgets every "send the token unencrypted?" answer. */
  forgetInsecureConnectionAnswers(): Promise<void>;
  /** The Servers view's top-level items as VS Code gets them. */
  serverTreeItems(): Promise<vscode.TreeItem[]>;
  /** The Devices view's items as VS Code gets them (loads the list, as showing the view does). */
  deviceTreeItems(): Promise<vscode.TreeItem[]>;
  /** The claim-token countdown: its status-bar text while one is live; expireNow() ends it as if its time ran out. */
  claimCountdown(): { text: string | undefined; expireNow(): Promise<void> };
  /** Deactivates the extension as VS Code does (deactivate(), then every subscription disposed). For good in this host. */
  deactivate(): void;
  /** Writes (or with undefined deletes) the stored session the way another window would. */
  writeStoredSessionAsAnotherWindow(raw: string | undefined): Promise<void>;
}
