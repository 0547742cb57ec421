import type * as vscode from 'vscode';
import type { Clipboard, Clock } from '../hostPort';

/**
 * Copies a secret and clears it again after a delay, but only if the clipboard still holds
 * that secret: whatever the user copied since is left alone. Only the latest secret can still
 * be on the clipboard, so a new copy replaces the pending clear.
 */
export class SecretClipboard implements vscode.Disposable {
  /** The clear still waiting, if any; a new copy or dispose() cancels it. */
  private pendingClear: vscode.Disposable | undefined;

  constructor(
    private readonly clipboard: Clipboard,
    private readonly clock: Clock,
  ) {}

  async copy(secret: string, clearAfterMs: number): Promise<void> {
    this.cancelPendingClear();
    await this.clipboard.writeText(secret);
    if (clearAfterMs <= 0) {
      return;
    }
    this.pendingClear = this.clock.setTimeout(() => {
      this.pendingClear = undefined;
      void this.clearIfStillHolds(secret);
    }, clearAfterMs);
  }

  dispose(): void {
    this.cancelPendingClear();
  }

  private cancelPendingClear(): void {
    this.pendingClear?.dispose();
    this.pendingClear = undefined;
  }

  private async clearIfStillHolds(secret: string): Promise<void> {
    if ((await this.clipboard.readText()) === secret) {
      await this.clipboard.writeText('');
    }
  }
}
