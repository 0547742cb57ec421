import * as vscode from 'vscode';
import type { SessionView } from '../auth/sessionView';
import type { Clipboard } from '../hostPort';

interface LiveClaim {
  readonly token: string;
  /** The session generation it was fetched in: another session's claim token is not kept (a JWT renewal is the same session). */
  readonly generation: number;
  readonly expiresAt: number;
  readonly item: vscode.StatusBarItem;
  readonly ticker: ReturnType<typeof setInterval>;
}

/**
 * The claim token on the clipboard and its countdown in the status bar. When it expires (or the
 * session it came from ends), the countdown goes and the clipboard is cleared, only if it still
 * holds that claim token.
 */
export class ClaimCountdown implements vscode.Disposable {
  private live: LiveClaim | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: SessionView,
    private readonly clipboard: Clipboard,
    private readonly now: () => number = Date.now,
  ) {
    this.subscription = session.onDidChange(() => {
      if (this.live && (this.session.stored === undefined || this.session.generation !== this.live.generation)) {
        void this.end();
      }
    });
  }

  /** The live claim token and its seconds left, if one is live. */
  current(): { token: string; expiresAt: number; secondsLeft: number } | undefined {
    const live = this.live;
    const left = live ? Math.ceil((live.expiresAt - this.now()) / 1000) : 0;
    return live && left > 0 ? { token: live.token, expiresAt: live.expiresAt, secondsLeft: left } : undefined;
  }

  /** The status bar's text while one is live. */
  get text(): string | undefined {
    return this.live?.item.text;
  }

  /** Copies `token` and counts down to `expiresAt` (epoch ms); a previous countdown ends first. */
  async start(token: string, generation: number, expiresAt: number): Promise<void> {
    this.stop();
    await this.clipboard.writeText(token);
    const item = vscode.window.createStatusBarItem('plex.claimToken', vscode.StatusBarAlignment.Left, -1);
    item.name = vscode.l10n.t('Plex Claim Token');
    item.tooltip = vscode.l10n.t('A Plex claim token is on the clipboard: give it to the new Plex Media Server (PLEX_CLAIM) before it expires. Click for a new one.');
    item.command = 'plex.copyClaimToken';
    const ticker = setInterval(() => this.tick(), 1000);
    this.live = { token, generation, expiresAt, item, ticker };
    this.tick();
    item.show();
  }

  /** Ends the countdown as if the claim token's life had run out now; clears the clipboard if it still holds it. */
  async end(): Promise<void> {
    const token = this.live?.token;
    this.stop();
    if (token !== undefined && (await this.clipboard.readText()) === token) {
      await this.clipboard.writeText('');
    }
  }

  dispose(): void {
    this.stop();
    this.subscription.dispose();
  }

  private tick(): void {
    const left = this.current();
    if (!this.live) {
      return;
    }
    if (!left) {
      void this.end();
      return;
    }
    const minutes = Math.floor(left.secondsLeft / 60);
    const seconds = String(left.secondsLeft % 60).padStart(2, '0');
    this.live.item.text = vscode.l10n.t({
      message: '$(watch) Claim token {0}',
      args: [`${minutes}:${seconds}`],
      comment: 'Status bar countdown of a copied Plex claim token; {0} is the time left (m:ss). $(watch) is an icon: keep it.',
    });
  }

  private stop(): void {
    if (this.live) {
      clearInterval(this.live.ticker);
      this.live.item.dispose();
      this.live = undefined;
    }
  }
}
