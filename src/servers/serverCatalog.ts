import * as vscode from 'vscode';
import type { PlexServer } from '../plex/types';
import type { PlexClients } from '../plexApi';
import type { AuthState } from '../auth/authState';

const DEFAULT_SERVER_KEY = 'plex.defaultServer';

/**
 * The account's servers from plex.tv: loaded on first need, cached, reloaded on demand, and
 * forgotten when the session changes. The default server's id is not secret: globalState.
 */
export class ServerCatalog implements vscode.Disposable {
  private servers: PlexServer[] | undefined;
  private loading: { token: string; promise: Promise<PlexServer[]> } | undefined;
  /** The connection that last answered, per server, so the next call goes straight to it. */
  private readonly workingConnections = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  private sessionToken: string | undefined;

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly clients: PlexClients,
    private readonly state: AuthState,
    private readonly globalState: vscode.Memento,
  ) {
    this.sessionToken = state.session?.token;
    this.subscription = state.onDidChange(() => {
      if (state.session?.token !== this.sessionToken) {
        this.sessionToken = state.session?.token;
        this.forget();
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

  /** Concurrent callers share one request; `reload` asks plex.tv again even when cached. */
  async list(token: string, signal: AbortSignal, reload = false): Promise<readonly PlexServer[]> {
    if (this.servers && !reload) {
      return this.servers;
    }
    if (!this.loading || this.loading.token !== token) {
      const promise = this.clients.plexTv().getServers(token, { signal });
      const loading = { token, promise };
      this.loading = loading;
      void promise.then(
        (servers) => {
          // plex.tv accepted the token again, so a session marked expired earlier is not (fault matrix).
          this.state.markValid(token);
          if (this.loading === loading && this.state.session?.token === token) {
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
    return this.loading.promise;
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

  private forget(): void {
    this.servers = undefined;
    this.loading = undefined;
    this.workingConnections.clear();
    this.changeEmitter.fire();
  }
}
