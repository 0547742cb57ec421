import * as vscode from 'vscode';
import { USER_ONLY_SETTINGS, setByWorkspace, settingIn, userValue, type UserOnlySetting } from './userOnlySettings';

export interface PlexSettings {
  plexTvUrl: string;
  authUrl: string;
  /** Empty: pick from the account's servers. */
  serverUrl: string;
  requestTimeoutMs: number;
  clipboardClearAfterMs: number;
  /** The JWT device authentication preview: new sign-ins get a Plex JWT. */
  jwtEnabled: boolean;
  /**
   * User-only settings a workspace sets, whose workspace value was ignored. VS Code itself drops
   * such values (the manifest's "scope": "application"); a host that does not still cannot steer them.
   */
  ignoredWorkspaceSettings: readonly UserOnlySetting[];
}

const DEFAULT_PLEX_TV_URL = 'https://plex.tv';
const DEFAULT_AUTH_URL = 'https://app.plex.tv/auth';

export function readSettings(): PlexSettings {
  const section = vscode.workspace.getConfiguration().inspect('plex');
  const inspected = new Map(USER_ONLY_SETTINGS.map((key) => [key, settingIn(section, key)]));
  const timeoutSeconds = vscode.workspace.getConfiguration('plex').get<number>('requestTimeoutSeconds', 15);
  const clearSeconds = userValue(inspected.get('clipboard.clearAfterSeconds'), 'number', 60);
  return {
    plexTvUrl: trimSlash(userValue(inspected.get('plexTvUrl'), 'string', DEFAULT_PLEX_TV_URL).trim()) || DEFAULT_PLEX_TV_URL,
    authUrl: userValue(inspected.get('authUrl'), 'string', DEFAULT_AUTH_URL).trim() || DEFAULT_AUTH_URL,
    serverUrl: trimSlash(userValue(inspected.get('serverUrl'), 'string', '').trim()),
    requestTimeoutMs: Math.max(1, Number.isFinite(timeoutSeconds) ? timeoutSeconds : 15) * 1000,
    clipboardClearAfterMs: Math.max(0, Number.isFinite(clearSeconds) ? clearSeconds : 60) * 1000,
    jwtEnabled: userValue(inspected.get('jwt.enabled'), 'boolean', false),
    ignoredWorkspaceSettings: USER_ONLY_SETTINGS.filter((key) => setByWorkspace(inspected.get(key))),
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
