import type { PlexAccount } from '../plex/types';

/** Plex's page about Plex Pass, linked where a Plex Pass feature is not available. */
export const PLEX_PASS_URL = 'https://www.plex.tv/plex-pass/';

/**
 * Whether the account has an active Plex Pass, as plex.tv described it at sign-in or the last
 * refresh: 'unknown' when the account answer carried no subscription (plex.tv then decides).
 * Webhooks are "a premium feature and require an active Plex Pass subscription".
 */
export function plexPassOf(account: PlexAccount): 'active' | 'none' | 'unknown' {
  if (account.subscription === undefined) {
    return 'unknown';
  }
  return account.subscription.active ? 'active' : 'none';
}
