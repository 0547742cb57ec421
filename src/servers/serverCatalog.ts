import * as vscode from 'vscode';
import type { PlexServer } from '../plex/types';
import type { PlexClients } from '../plexApi';
import type { AccountRequests, SessionView } from '../auth/sessionView';
import { plexFailure } from '../plex/failure';

const DEFAULT_SERVER_KEY = 'plex.defaultServer';

/**
 * The account's servers from plex.tv: loaded on first need, cached, reloaded on demand, and
 * forgotten when the session changes. The default server's id is not secret: globalState.
 */
export class ServerCatalog implements vscode.Disposable {
  private servers: PlexServer[] | undefined;
  private loading: Loading | undefined;
  /** The connection that last answered, per server, so the next call goes straight to it. */
  private readonly workingConnections = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  private sessionToken: string | undefined;
  /** The list of the identity last switched away from. */
  private previous: { token: string; servers: PlexServer[] } | undefined;

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly clients: PlexClients,
    private readonly state: SessionView & AccountRequests,
    private readonly globalState: vscode.Memento,
  ) {
    this.sessionToken = state.activeToken;
    this.subscription = state.onDidChange(() => {
      if (state.activeToken !== this.sessionToken) {
        const left = this.sessionToken;
        this.sessionToken = state.activeToken;
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
  async list(token: string, signal: AbortSignal, reload = false): Promise<readonly PlexServer[]> {
    if (this.servers && !reload) {
      return this.servers;
    }
    if (!this.loading || this.loading.token !== token) {
      const controller = new AbortController();
      // The session follows the answer: a 401 expires it, an answer makes it valid again.
      const promise = this.state.tracked(token, this.clients.plexTv().getServers(token, { signal: controller.signal }));
      const loading: Loading = { token, promise, controller, waiting: 0 };
      this.loading = loading;
      void promise.then(
        (servers) => {
          if (this.loading === loading && this.state.activeToken === token) {
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

  workingConnection(clientIdentifier: string): string | undefined {
    return this.workingConnections.get(clientIdentifier);
  }

  rememberWorkingConnection(clientIdentifier: string, uri: string): void {
    this.workingConnections.set(clientIdentifier, uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  /**
   * A new identity's list starts empty, except when switching back between the account and a Home
   * user: the list of the identity switched away from is kept for that, while its token is still the session's.
   */
  private forget(left: string | undefined): void {
    const stored = this.state.stored;
    const back = this.previous !== undefined && this.previous.token === this.sessionToken ? this.previous.servers : undefined;
    const stillHeld = left !== undefined && (left === stored?.token || left === stored?.homeUser?.token);
    this.previous = stillHeld && this.servers ? { token: left, servers: this.servers } : undefined;
    this.servers = back;
    this.loading = undefined;
    this.workingConnections.clear();
    this.changeEmitter.fire();
  }
}

interface Loading {
  token: string;
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
