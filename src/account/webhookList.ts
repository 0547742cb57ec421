import type { PlexGateway, SessionTicket } from '../auth/gateway/plexGateway';
import type { WebhookChange } from '../plex/plexTvWebhooks';
import { failureKind, isPlexFailure, plexFailure } from '../plex/failure';
import { withCancellableProgress } from '../ui/progress';
import type { PlexTvWebhooks } from '../auth/gateway/plexClients';
import { plexPassOf } from './plexPass';
import type { WindowLock } from './windowLock';

/** The account's webhooks, or that it cannot have any (no Plex Pass). */
export type WebhookState = { readonly kind: 'list'; readonly urls: readonly string[] } | { readonly kind: 'needs-plex-pass' };

const NEEDS_PLEX_PASS: WebhookState = { kind: 'needs-plex-pass' };

/**
 * The account's webhook URLs, read from plex.tv with the account's own token when the Webhooks
 * view first shows them, then kept for the sign-in until a change, a refresh or a reference the
 * kept list lacks. An account without Plex Pass is not asked at all. Changes run one at a time in
 * this window and, through `lock`, across every window of this VS Code (each has its own extension
 * host); each reads the list right before writing it (PlexTvWebhooks), so neither another window's
 * change nor one made elsewhere is lost.
 */
export class WebhookList {
  private loaded: { signIn: string; state: WebhookState } | undefined;
  private loading: { signIn: string; state: Promise<WebhookState> } | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly gateway: PlexGateway,
    private readonly lock: WindowLock,
  ) {}

  /** What the kept list holds for the ticket's sign-in, without asking plex.tv. */
  kept(ticket: SessionTicket): WebhookState | undefined {
    return this.loaded?.signIn === ticket.signIn ? this.loaded.state : undefined;
  }

  /** Whether the account can have webhooks, from the session and what plex.tv answered. */
  needsPlexPass(ticket: SessionTicket): boolean {
    return plexPassOf(ticket.session.account) === 'none' || this.kept(ticket)?.kind === 'needs-plex-pass';
  }

  /** One request however many callers ask at once; the progress shows in the Webhooks view. */
  load(ticket: SessionTicket): Promise<WebhookState> {
    const { signIn } = ticket;
    if (plexPassOf(ticket.session.account) === 'none') {
      return Promise.resolve(NEEDS_PLEX_PASS);
    }
    const kept = this.kept(ticket);
    if (kept) {
      return Promise.resolve(kept);
    }
    if (this.loading?.signIn !== signIn) {
      const state = withCancellableProgress(
        '',
        (signal) => this.gateway.asAccount(ticket).webhooks((webhooks, token) => webhooks.listWebhooks(token, { signal })),
        { viewId: 'plex.webhooks' },
      ).then(
        (urls): WebhookState => ({ kind: 'list', urls }),
        (error: unknown): WebhookState => {
          if (failureKind(error) === 'plex-pass-required') return NEEDS_PLEX_PASS;
          throw error;
        },
      );
      const loading = { signIn, state };
      this.loading = loading;
      void state.then(
        (result) => {
          if (this.loading === loading) {
            this.loaded = { signIn, state: result };
            this.loading = undefined;
          }
        },
        () => this.loading === loading && (this.loading = undefined),
      );
    }
    return this.loading.state;
  }

  /**
   * `url` when plex.tv lists it for this account; the list is read again once when the kept one
   * lacks it (a webhook added elsewhere since). Undefined: plex.tv does not list it.
   */
  async find(ticket: SessionTicket, url: unknown): Promise<string | undefined> {
    if (typeof url !== 'string') {
      return undefined;
    }
    const listed = (state: WebhookState) => (state.kind === 'list' ? state.urls.find((candidate) => candidate === url) : undefined);
    const kept = listed(await this.load(ticket));
    if (kept !== undefined) {
      return kept;
    }
    this.invalidate();
    return listed(await this.load(ticket));
  }

  /**
   * Runs a change after the ones already running in this window, holding the lock every window
   * takes for its read-then-write; the answer becomes the kept list. WindowLockBusyError: another
   * window held the lock for the whole wait.
   */
  change(ticket: SessionTicket, signal: AbortSignal, run: (webhooks: PlexTvWebhooks, token: string) => Promise<WebhookChange>): Promise<WebhookChange> {
    const next = this.queue.then(async () => {
      try {
        const change = await this.lock.run(() => this.gateway.asAccount(ticket).webhooks(run), signal).catch((error: unknown) => {
          // Cancelled while waiting for the lock: the same quiet end as a cancelled request.
          throw signal.aborted && !isPlexFailure(error) ? plexFailure('cancelled', 'Cancelled') : error;
        });
        if (this.gateway.isCurrent(ticket) && !signal.aborted) {
          this.loaded = { signIn: ticket.signIn, state: { kind: 'list', urls: change.urls } };
          this.loading = undefined;
        }
        return change;
      } catch (error) {
        if (failureKind(error) === 'plex-pass-required') {
          this.loaded = { signIn: ticket.signIn, state: NEEDS_PLEX_PASS };
          this.loading = undefined;
        }
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The next load asks plex.tv again. */
  invalidate(): void {
    this.loaded = undefined;
    this.loading = undefined;
  }
}
