import * as vscode from 'vscode';

/**
 * Copies a secret and clears it again after a delay, but only if the clipboard still holds
 * that secret: whatever the user copied since is left alone. Only the latest secret can still
 * be on the clipboard, so a new copy replaces the pending clear.
 */
export class SecretClipboard implements vscode.Disposable {
  /** The clear still waiting, if any; a new copy or dispose() cancels it. */
  pendingClear: ReturnType<typeof setTimeout> | undefined;

  async copy(secret: string, clearAfterMs: number): Promise<void> {
    this.cancelPendingClear();
    await vscode.env.clipboard.writeText(secret);
    if (clearAfterMs <= 0) {
      return;
    }
    this.pendingClear = setTimeout(() => {
      this.pendingClear = undefined;
      void this.clearIfStillHolds(secret);
    }, clearAfterMs);
  }

  dispose(): void {
    this.cancelPendingClear();
  }

  private cancelPendingClear(): void {
    clearTimeout(this.pendingClear);
    this.pendingClear = undefined;
  }

  private async clearIfStillHolds(secret: string): Promise<void> {
    if ((await vscode.env.clipboard.readText()) === secret) {
      await vscode.env.clipboard.writeText('');
    }
  }
}
