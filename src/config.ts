import * as vscode from 'vscode';

export interface PlexSettings {
  plexTvUrl: string;
  authUrl: string;
  /** Empty: pick from the account's servers. */
  serverUrl: string;
  requestTimeoutMs: number;
  clipboardClearAfterMs: number;
  /** The JWT device authentication preview: new sign-ins get a Plex JWT. */
  jwtEnabled: boolean;
}

export function readSettings(): PlexSettings {
  const config = vscode.workspace.getConfiguration('plex');
  const timeoutSeconds = config.get<number>('requestTimeoutSeconds', 15);
  const clearSeconds = config.get<number>('clipboard.clearAfterSeconds', 60);
  return {
    plexTvUrl: trimSlash(config.get<string>('plexTvUrl', 'https://plex.tv')) || 'https://plex.tv',
    authUrl: config.get<string>('authUrl', 'https://app.plex.tv/auth') || 'https://app.plex.tv/auth',
    serverUrl: trimSlash(config.get<string>('serverUrl', '').trim()),
    requestTimeoutMs: Math.max(1, Number.isFinite(timeoutSeconds) ? timeoutSeconds : 15) * 1000,
    clipboardClearAfterMs: Math.max(0, Number.isFinite(clearSeconds) ? clearSeconds : 60) * 1000,
    jwtEnabled: config.get<boolean>('jwt.enabled', false) === true,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Where clients.plex.tv is: plex.tv's own host for plex.tv, else `<plexTvUrl>/clients` (a proxy or
 * the test stand-in serves both under one address).
 */
export function plexClientsUrl(plexTvUrl: string): string {
  try {
    const host = new URL(plexTvUrl).hostname;
    if (host === 'plex.tv' || host === 'www.plex.tv') {
      return 'https://clients.plex.tv';
    }
  } catch {
    // The client reports an unusable URL.
  }
  return `${plexTvUrl}/clients`;
}
