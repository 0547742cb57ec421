// The service-layer clients, made from the current settings and this installation's identity.
// Only the gateway (plexGateway.ts) makes them: it decides which token goes where.
import * as vscode from 'vscode';
import { plexFailure } from '../../plex/failure';
import type * as PlexModule from '../../plex/index';
import type { PlexClientIdentity, PlexRequestLogEntry } from '../../plex/types';
import { plexClientsUrl, readSettings, type PlexSettings } from '../../config';
import type { Log } from '../../log';
import type { ConnectionSecurity } from './connectionSecurity';
import { IgnoredWorkspaceSettings } from '../../userOnlySettings';
import { SigningKeys } from './signingKeys';

export type Plex = typeof PlexModule;
export type PlexTvClient = InstanceType<Plex['PlexTvClient']>;
export type PlexMediaServerClient = InstanceType<Plex['PlexMediaServerClient']>;
export type PlexTvAccountTools = InstanceType<Plex['PlexTvAccountTools']>;
export type PlexJwtAuth = InstanceType<Plex['PlexJwtAuth']>;
export type PlexTvWebhooks = InstanceType<Plex['PlexTvWebhooks']>;
export type WebhookSender = InstanceType<Plex['WebhookSender']>;

let plex: Plex | undefined;

const PRODUCT = 'Plex for VS Code';
const WEBHOOK_TIMEOUT_CAP_MS = 10_000;

/** The service layer and node-fetch live in dist/plex.js, loaded on the first request, not on activation. */
export function loadPlex(): Plex {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  plex ??= require('./plex.js') as Plex;
  return plex;
}

export class PlexClientFactory {
  private readonly signingKeys = new SigningKeys();
  private readonly ignoredWorkspaceSettings = new IgnoredWorkspaceSettings();

  constructor(
    private readonly clientIdentifier: () => string,
    private readonly log: Log,
    private readonly security: ConnectionSecurity,
  ) {}

  /** plex.tv (from plex.plexTvUrl) as this installation, or as the JWT device with `clientIdentifier`. */
  plexTv(clientIdentifier?: string): PlexTvClient {
    const { plexTvUrl, requestTimeoutMs } = this.plexTvSettings();
    const { PlexTvClient } = loadPlex();
    return checkedUrl('plex.plexTvUrl', () => new PlexTvClient({ ...this.options(clientIdentifier, requestTimeoutMs), baseUrl: plexTvUrl }));
  }

  accountTools(): PlexTvAccountTools {
    const { plexTvUrl, requestTimeoutMs } = this.plexTvSettings();
    const { PlexTvAccountTools } = loadPlex();
    return checkedUrl('plex.plexTvUrl', () => new PlexTvAccountTools({ ...this.options(undefined, requestTimeoutMs), baseUrl: plexTvUrl }));
  }

  webhooks(): PlexTvWebhooks {
    const { plexTvUrl, requestTimeoutMs } = this.plexTvSettings();
    const { PlexTvWebhooks } = loadPlex();
    return checkedUrl('plex.plexTvUrl', () => new PlexTvWebhooks({ ...this.options(undefined, requestTimeoutMs), baseUrl: plexTvUrl }));
  }

  /** Test events to a webhook receiver: no identity, no token; at most 10 s (a receiver should answer at once). */
  webhookSender(): WebhookSender {
    const { requestTimeoutMs } = this.settings();
    const { WebhookSender } = loadPlex();
    return new WebhookSender({
      timeoutMs: Math.min(requestTimeoutMs, WEBHOOK_TIMEOUT_CAP_MS),
      userAgent: `${PRODUCT}/${this.identity().version}`,
      log: (entry) => this.logRequest(entry),
    });
  }

  /** clients.plex.tv's JWT device authentication for `key`, as the JWT device `clientIdentifier`. */
  jwtAuth(clientIdentifier: string, key: PlexModule.PlexDeviceKey): PlexJwtAuth {
    const { plexTvUrl, requestTimeoutMs } = this.plexTvSettings();
    const plex = loadPlex();
    const baseUrl = plexClientsUrl(plexTvUrl);
    const client = checkedUrl('plex.plexTvUrl', () => new plex.PlexTvJwtClient({ ...this.options(clientIdentifier, requestTimeoutMs), baseUrl }));
    return new plex.PlexJwtAuth({ client, key, signingKeys: this.signingKeys.for(baseUrl) });
  }

  mediaServer(baseUrl: string): PlexMediaServerClient {
    const { requestTimeoutMs } = this.settings();
    const { PlexMediaServerClient } = loadPlex();
    return checkedUrl('plex.serverUrl', () => new PlexMediaServerClient({ ...this.options(undefined, requestTimeoutMs), baseUrl }));
  }

  private options(clientIdentifier: string | undefined, timeoutMs: number) {
    const identity = this.identity();
    return {
      identity: clientIdentifier === undefined ? identity : { ...identity, clientIdentifier },
      timeoutMs,
      log: (entry: PlexRequestLogEntry) => this.logRequest(entry),
    };
  }

  /**
   * plex.tv gets the password, the account token and hands out new tokens: never over plain
   * http, unless it is this computer (a local proxy or the test stand-in).
   */
  private plexTvSettings(): { plexTvUrl: string; requestTimeoutMs: number } {
    const settings = this.settings();
    let url: URL | undefined;
    try {
      url = new URL(settings.plexTvUrl);
    } catch {
      url = undefined; // checkedUrl() reports an unusable URL.
    }
    if (url?.protocol === 'http:' && !this.security.isLocal(url)) {
      throw plexFailure(
        'setting',
        vscode.l10n.t(
          'Your Plex token is never sent to plex.tv without encryption. Change the setting "plex.plexTvUrl" to an https:// address (http:// is allowed only for this computer).',
        ),
      );
    }
    return settings;
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

  private identity(): PlexClientIdentity {
    return {
      clientIdentifier: this.clientIdentifier(),
      product: PRODUCT,
      version: String(vscode.extensions.getExtension('plex-vscode.plex-vscode')?.packageJSON.version ?? '0.0.0'),
      platform: process.platform,
      platformVersion: process.versions.node,
      device: vscode.env.appName,
      deviceName: vscode.env.appName,
    };
  }

  private logRequest(entry: PlexRequestLogEntry): void {
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
