import * as vscode from 'vscode';
import { redact } from './plex/redact';

/** The "Plex" output channel; every line passes through the redaction helper first. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Plex', { log: true });

  info(message: string): void {
    this.channel.info(redact(message));
  }

  warn(message: string): void {
    this.channel.warn(redact(message));
  }

  error(message: string, error?: unknown): void {
    this.channel.error(redact(error === undefined ? message : `${message}: ${describe(error)}`));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}
