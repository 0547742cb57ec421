import type { Ui } from './ui/ui';

/** Epoch milliseconds, and one-shot timers on the same time. */
export interface Clock {
  readonly now: () => number;
  /** Runs `run` after `ms`; dispose() cancels it. */
  readonly setTimeout: (run: () => void, ms: number) => { dispose(): void };
}

/** The clipboard's text (vscode.env.clipboard's shape). */
export interface Clipboard {
  readText(): Thenable<string>;
  writeText(value: string): Thenable<void>;
}

/**
 * What the extension asks of the host it runs in, handed in once at activation: the workbench's
 * (src/extension.ts) when VS Code activates it. Everything else it reaches through VS Code's API.
 */
export interface HostPort {
  /** Every question and message put to the user. */
  readonly ui: Ui;
  /** Sets a context key that `when` clauses read. */
  readonly setContext: (key: string, value: boolean) => void;
  readonly clock: Clock;
  /** Where secrets are copied to (and cleared from). */
  readonly clipboard: Clipboard;
  /** The address is this computer, so plain http to it never leaves it. */
  readonly isLocalAddress: (url: URL) => boolean;
}
