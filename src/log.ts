import * as vscode from 'vscode';
import { failureKind } from './plex/failure';
import { redact } from './plex/redact';

/** The "Plex" output channel; every line passes through the redaction helper first. */
export class Log implements vscode.Disposable {
  // Made on the first line or Show Log, not on activation: creating a log channel sets up a log
  // file in the workbench, and a quiet start has nothing to say.
  private output: vscode.LogOutputChannel | undefined;
  private disposed = false;

  private get channel(): vscode.LogOutputChannel | undefined {
    // After deactivation, a request that was cancelled by it may still report: no new channel.
    if (!this.disposed) {
      this.output ??= vscode.window.createOutputChannel('Plex', { log: true });
    }
    return this.output;
  }

  info(message: string): void {
    this.channel?.info(redact(message));
  }

  warn(message: string): void {
    this.channel?.warn(redact(message));
  }

  error(message: string, error?: unknown): void {
    this.channel?.error(redact(error === undefined ? message : `${message}: ${describe(error)}`));
  }

  show(): void {
    this.channel?.show(true);
  }

  dispose(): void {
    this.disposed = true;
    this.output?.dispose();
    this.output = undefined;
  }
}

/**
 * A failure names its kind (`PlexNetworkError (network): ...`); anything else is a bug in the
 * extension, not trouble with Plex, and says so (`TypeError (unexpected): ...`).
 */
function describe(error: unknown): string {
  const kind = failureKind(error) ?? 'unexpected';
  if (error instanceof Error) {
    return `${error.name} (${kind}): ${error.message}`;
  }
  return `(${kind}) ${String(error)}`;
}
