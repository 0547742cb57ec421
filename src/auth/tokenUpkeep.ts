import type * as vscode from 'vscode';
import type { Log } from '../log';
import { failureKind } from '../plex/failure';
import type { PlexGateway } from './gateway/plexGateway';
import { lastTokenUse, setLastTokenUse } from './tokenUse';

const DAY_MS = 24 * 60 * 60 * 1000;

export type UpkeepOutcome = 'pinged' | 'not-due' | 'not-signed-in' | 'expired' | 'failed';

/**
 * Keeps a classic token from expiring the way well-known Plex clients do: GET /api/v2/ping when
 * plex.tv has not seen the token used for a day in any window. Any accepted request counts as a
 * use (tokenUse.ts), so a session in daily use never pings. Network trouble, 429 and 5xx stay
 * quiet and try again at the next look; a 401 moves the session to expired (Session.tracked).
 */
export class TokenUpkeep implements vscode.Disposable {
  private running: Promise<UpkeepOutcome> | undefined;
  private readonly controller = new AbortController();

  constructor(
    private readonly gateway: PlexGateway,
    private readonly globalState: vscode.Memento,
    private readonly log: Log,
    private readonly now: () => number = Date.now,
  ) {}

  /** Pings when due; one ping at a time. */
  pingIfDue(): Promise<UpkeepOutcome> {
    this.running ??= this.ping().finally(() => (this.running = undefined));
    return this.running;
  }

  dispose(): void {
    this.controller.abort();
  }

  private async ping(): Promise<UpkeepOutcome> {
    const ticket = this.gateway.ticket();
    if (!ticket) {
      return 'not-signed-in';
    }
    const last = lastTokenUse(this.globalState);
    if (last !== undefined && this.now() - last < DAY_MS) {
      return 'not-due';
    }
    // Claimed before the request, so another window that looks meanwhile does not ping as well.
    await setLastTokenUse(this.globalState, this.now());
    try {
      await this.gateway.asAccount(ticket).plexTv((client, token) => client.ping(token, { signal: this.controller.signal }));
      this.log.info('Token upkeep: plex.tv saw the token in use.');
      return 'pinged';
    } catch (error) {
      const kind = failureKind(error);
      if (kind === 'token-invalid') {
        return 'expired';
      }
      await setLastTokenUse(this.globalState, last); // not a use after all: the next look tries again
      this.log.warn(`Token upkeep: the ping did not get through (${kind ?? 'error'}); trying again later.`);
      return 'failed';
    }
  }
}
