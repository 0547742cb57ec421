// The extension settings that point a workbench at a running stand-in.
import type { StandInState } from '../standin/types';

export function standInSettings(standIn: Pick<StandInState, 'plexTvUrl' | 'authUrl'>): Record<string, string> {
  return { 'plex.plexTvUrl': standIn.plexTvUrl, 'plex.authUrl': standIn.authUrl };
}
