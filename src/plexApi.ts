import * as vscode from 'vscode';
import { plexFailure } from './plex/failure';
import type * as PlexModule from './plex/index';
import type { PlexClientIdentity, PlexRequestLogEntry, PlexTvClientOptions } from './plex/types';
import { readSettings, type PlexSettings } from './config';
import type { Log } from './log';
import type { ConnectionSecurity } from './servers/connectionSecurity';
import { IgnoredWorkspaceSettings } from './userOnlySettings';

type Plex = typeof PlexModule;
export type PlexTvClient = InstanceType<Plex['PlexTvClient']>;
export type PlexMediaServerClient = InstanceType<Plex['PlexMediaServerClient']>;
export type PlexTvAccountTools = InstanceType<Plex['PlexTvAccountTools']>;
export type PlexJwtAuth = InstanceType<Plex['PlexJwtAuth']>;

let plex: Plex | undefined;

/** The service layer and node-fetch live in dist/plex.js, loaded on the first request, not on activation. */
function loadPlex(): Plex {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  plex ??= require('./plex.js') as Plex;
  return plex;
}

/** Makes service-layer clients from the current settings and this installation's identity. */
export class PlexClients {
  /** plex.tv's published JWT signing keys (public), kept across JWT sign-ins and renewals. */
  readonly jwtSigningKeys: PlexModule.PlexSigningKeyCache = {};
  private readonly ignoredWorkspaceSettings = new IgnoredWorkspaceSettings();

  constructor(
    private readonly clientIdentifier: () => string,
    private readonly log: Log,
    /** Which addresses may carry a token without asking (shared with the server commands). */
    readonly security: ConnectionSecurity,
  ) {}

  plexTv(): PlexTvClient {
    return this.onPlexTv((plex, options) => new plex.PlexTvClient(options));
  }

  /** plex.tv's account tools (devices, claim tokens, linking, Plex Home): same settings and identity as plexTv(). */
  accountTools(): PlexTvAccountTools {
    return this.onPlexTv((plex, options) => new plex.PlexTvAccountTools(options));
  }

  /** The service layer itself, for the command code's JWT device authentication (src/auth/jwt/). */
  module(): Plex {
    return loadPlex();
  }

  mediaServer(baseUrl: string): PlexMediaServerClient {
    const settings = this.settings();
    const { PlexMediaServerClient } = loadPlex();
    return checkedUrl('plex.serverUrl', () =>
      new PlexMediaServerClient({
        identity: this.identity(),
        baseUrl,
        timeoutMs: settings.requestTimeoutMs,
        log: (entry) => this.logRequest(entry),
      }),
    );
  }

  /** The settings, saying once in the log when a workspace value of a user-only setting was ignored. */
  private settings(): PlexSettings {
    const settings = readSettings();
    const line = this.ignoredWorkspaceSettings.lineFor(settings.ignoredWorkspaceSettings);
    if (line !== undefined) {
      this.log.warn(line);
    }
    return settings;
  }

  private onPlexTv<T>(create: (plex: Plex, options: PlexTvClientOptions) => T): T {
    const settings = this.settings();
    this.refuseInsecurePlexTv(settings.plexTvUrl);
    const plex = loadPlex();
    return checkedUrl('plex.plexTvUrl', () =>
      create(plex, {
        identity: this.identity(),
        baseUrl: settings.plexTvUrl,
        timeoutMs: settings.requestTimeoutMs,
        log: (entry) => this.logRequest(entry),
      }),
    );
  }

  /**
   * plex.tv gets the password, the account token and hands out new tokens: never over plain
   * http, unless it is this computer (a local proxy or the test stand-in).
   */
  refuseInsecurePlexTv(plexTvUrl: string): void {
    let url: URL;
    try {
      url = new URL(plexTvUrl);
    } catch {
      return; // checkedUrl() reports an unusable URL.
    }
    if (url.protocol === 'http:' && !this.security.isLocal(url)) {
      throw plexFailure(
        'setting',
        vscode.l10n.t(
          'Your Plex token is never sent to plex.tv without encryption. Change the setting "plex.plexTvUrl" to an https:// address (http:// is allowed only for this computer).',
        ),
      );
    }
  }

  identity(): PlexClientIdentity {
    return {
      clientIdentifier: this.clientIdentifier(),
      product: 'Plex for VS Code',
      version: String(vscode.extensions.getExtension('plex-vscode.plex-vscode')?.packageJSON.version ?? '0.0.0'),
      platform: process.platform,
      platformVersion: process.versions.node,
      device: vscode.env.appName,
      deviceName: vscode.env.appName,
    };
  }

  logRequest(entry: PlexRequestLogEntry): void {
    const outcome = entry.error === undefined ? String(entry.status ?? '') : `(${entry.kind ?? 'error'}) ${entry.error}`;
    const attempt = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const line = `${entry.method} ${entry.url} ${outcome} ${Math.round(entry.durationMs)} ms${attempt}`;
    if (entry.error || (entry.status !== undefined && entry.status >= 400)) {
      this.log.warn(line);
    } else {
      this.log.info(line);
    }
  }
}

/** The clients reject a base URL that is not http(s) or that carries credentials. */
function checkedUrl<T>(setting: string, create: () => T): T {
  try {
    return create();
  } catch (error) {
    if (error instanceof TypeError) {
      throw plexFailure('setting', vscode.l10n.t('The setting "{0}" is not a valid http(s) URL without a user name or password.', setting));
    }
    throw error;
  }
}
