import * as vscode from 'vscode';

/**
 * Copies a secret and clears it again after a delay, but only if the clipboard still holds
 * that secret: whatever the user copied since is left alone.
 */
export class SecretClipboard implements vscode.Disposable {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  async copy(secret: string, clearAfterMs: number): Promise<void> {
    await vscode.env.clipboard.writeText(secret);
    if (clearAfterMs <= 0) {
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.clearIfStillHolds(secret);
    }, clearAfterMs);
    this.timers.add(timer);
  }

  /** How many clears are waiting; the tests read it to prove no timer is orphaned. */
  get pendingClears(): number {
    return this.timers.size;
  }

  dispose(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }

  private async clearIfStillHolds(secret: string): Promise<void> {
    if ((await vscode.env.clipboard.readText()) === secret) {
      await vscode.env.clipboard.writeText('');
    }
  }
}
