import * as vscode from 'vscode';
import type { PlexServer } from '../plex/types';
import type { PlexGateway } from '../auth/gateway/plexGateway';
import type { SessionView } from '../auth/sessionView';
import { activeIdentity } from '../auth/storedSession';
import { plexFailure } from '../plex/failure';

const DEFAULT_SERVER_KEY = 'plex.defaultServer';

/**
 * The active identity's servers from plex.tv: loaded on first need, cached, reloaded on demand,
 * and forgotten when the session generation changes (a JWT renewal keeps them). What it lists is
 * what the gateway lets a server token go to, and what a command's server id is looked up in.
 * The default server's id is not secret: globalState.
 */
export class ServerCatalog implements vscode.Disposable {
  private servers: PlexServer[] | undefined;
  private loading: Loading | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  private generation: number;
  private identity: string | undefined;
  /** The list of the account's own identity, kept while acting as a Home user of the same sign-in. */
  private previous: { identity: string; servers: PlexServer[] } | undefined;

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly gateway: () => PlexGateway,
    private readonly state: SessionView,
    private readonly globalState: vscode.Memento,
  ) {
    this.generation = state.generation;
    this.identity = identityOf(state);
    this.subscription = state.onDidChange(() => {
      if (state.generation !== this.generation) {
        const left = this.identity;
        this.generation = state.generation;
        this.identity = identityOf(state);
        this.forget(left);
      }
    });
  }

  get cached(): readonly PlexServer[] | undefined {
    return this.servers;
  }

  get defaultServerId(): string | undefined {
    return this.globalState.get<string>(DEFAULT_SERVER_KEY);
  }

  async setDefaultServer(clientIdentifier: string | undefined): Promise<void> {
    await this.globalState.update(DEFAULT_SERVER_KEY, clientIdentifier);
    this.changeEmitter.fire();
  }

  /**
   * Concurrent callers share one request; `reload` asks plex.tv again even when cached. Each
   * caller waits with its own signal: cancelling one caller leaves the others waiting, and the
   * request itself stops only when every caller has given up.
   */
  async list(signal: AbortSignal, reload = false): Promise<readonly PlexServer[]> {
    if (this.servers && !reload) {
      return this.servers;
    }
    const ticket = this.gateway().ticket();
    if (!ticket) {
      throw plexFailure('cancelled', 'Signed out');
    }
    if (!this.loading || this.loading.generation !== ticket.generation) {
      const controller = new AbortController();
      const promise = this.gateway()
        .asActive(ticket)
        .plexTv((client, token) => client.getServers(token, { signal: controller.signal }));
      const loading: Loading = { generation: ticket.generation, promise, controller, waiting: 0 };
      this.loading = loading;
      void promise.then(
        (servers) => {
          if (this.loading === loading && this.gateway().isCurrent(ticket)) {
            this.servers = servers;
            this.changeEmitter.fire();
          }
        },
        () => undefined,
      ).finally(() => {
        if (this.loading === loading) {
          this.loading = undefined;
        }
      });
    }
    return waitWithOwnSignal(this.loading, signal);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  /**
   * A new identity's list starts empty, except when switching back from a Home user to the account
   * of the same sign-in: the account's list is kept for that while a Home user acts.
   */
  private forget(left: string | undefined): void {
    const back = this.previous !== undefined && this.previous.identity === this.identity ? this.previous.servers : undefined;
    const leftAccount = left !== undefined && left === accountIdentityOf(this.state);
    this.previous = leftAccount && this.servers ? { identity: left, servers: this.servers } : undefined;
    this.servers = back;
    this.loading = undefined;
    this.changeEmitter.fire();
  }
}

/** Who the list is for: this sign-in's account, or one of its Home users. */
function identityOf(state: SessionView): string | undefined {
  const stored = state.stored;
  return stored && JSON.stringify([stored.signedInAt, stored.account.uuid, activeIdentity(stored).homeUser ? stored.homeUser?.uuid : null]);
}

/** This sign-in's account itself (no Home user). */
function accountIdentityOf(state: SessionView): string | undefined {
  const stored = state.stored;
  return stored && JSON.stringify([stored.signedInAt, stored.account.uuid, null]);
}

interface Loading {
  generation: number;
  promise: Promise<PlexServer[]>;
  controller: AbortController;
  /** Callers still waiting; the request is aborted when the last one gives up. */
  waiting: number;
}

function waitWithOwnSignal(loading: Loading, signal: AbortSignal): Promise<PlexServer[]> {
  return new Promise((resolve, reject) => {
    loading.waiting++;
    let waiting = true;
    const stopWaiting = () => {
      waiting = false;
      loading.waiting--;
      signal.removeEventListener('abort', giveUp);
    };
    const giveUp = () => {
      stopWaiting();
      if (loading.waiting === 0) {
        loading.controller.abort();
      }
      reject(plexFailure('cancelled', 'Cancelled'));
    };
    if (signal.aborted) {
      giveUp();
      return;
    }
    signal.addEventListener('abort', giveUp, { once: true });
    loading.promise.then(
      (servers) => {
        if (waiting) {
          stopWaiting();
          resolve(servers);
        }
      },
      (error: unknown) => {
        if (waiting) {
          stopWaiting();
          reject(error);
        }
      },
    );
  });
}
