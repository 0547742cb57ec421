import type { CommandHandler } from '../commandTable';
import type { PlexHomeUser } from '../plex/accountToolsTypes';
import type { Services } from './services';

/** From the palette, the status-bar menu, or a user in the Plex Home view (which passes its node). */
export function homeCommandHandlers(services: Services): Record<'plex.switchHomeUser', CommandHandler> {
  return {
    'plex.switchHomeUser': (node?: { user?: PlexHomeUser }) => services.home.switchTo(node?.user),
  };
}
