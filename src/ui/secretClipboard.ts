import * as vscode from 'vscode';

/**
 * Copies a secret and clears it again after a delay, but only if the clipboard still holds
 * that secret: whatever the user copied since is left alone. Only the latest secret can still
 * be on the clipboard, so a new copy replaces the pending clear.
 */
export class SecretClipboard implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;

  async copy(secret: string, clearAfterMs: number): Promise<void> {
    this.cancelPendingClear();
    await vscode.env.clipboard.writeText(secret);
    if (clearAfterMs <= 0) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.clearIfStillHolds(secret);
    }, clearAfterMs);
  }

  /** How many clears are waiting (0 or 1); the tests read it to prove no timer is orphaned. */
  get pendingClears(): number {
    return this.timer === undefined ? 0 : 1;
  }

  dispose(): void {
    this.cancelPendingClear();
  }

  private cancelPendingClear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async clearIfStillHolds(secret: string): Promise<void> {
    if ((await vscode.env.clipboard.readText()) === secret) {
      await vscode.env.clipboard.writeText('');
    }
  }
}
