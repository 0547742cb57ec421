import type * as vscode from 'vscode';
import type { Clipboard, Clock } from '../hostPort';

/**
 * Copies a secret and clears it again after a delay, but only if the clipboard still holds
 * that secret: whatever the user copied since is left alone. Only the latest secret can still
 * be on the clipboard, so a new copy replaces the pending clear.
 */
export class SecretClipboard implements vscode.Disposable {
  /** The clear still waiting, if any; a new copy, clearNow() or dispose() cancels it. */
  private pendingClear: vscode.Disposable | undefined;
  /** The secret that clear is for. */
  private pendingSecret: string | undefined;

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
    this.pendingSecret = secret;
    this.pendingClear = this.clock.setTimeout(() => {
      this.cancelPendingClear();
      void this.clearIfStillHolds(secret);
    }, clearAfterMs);
  }

  /**
   * Runs the waiting clear now (the extension is being deactivated, so its timer would never run).
   * The secret is taken at once, so a dispose() right after this call does not lose it.
   */
  clearNow(): Promise<void> {
    const secret = this.pendingSecret;
    this.cancelPendingClear();
    return secret === undefined ? Promise.resolve() : this.clearIfStillHolds(secret);
  }

  dispose(): void {
    this.cancelPendingClear();
  }

  private cancelPendingClear(): void {
    this.pendingClear?.dispose();
    this.pendingClear = undefined;
    this.pendingSecret = undefined;
  }

  private async clearIfStillHolds(secret: string): Promise<void> {
    if ((await this.clipboard.readText()) === secret) {
      await this.clipboard.writeText('');
    }
  }
}
