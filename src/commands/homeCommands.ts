import type { CommandHandler } from '../commandTable';
import { referenceOf, takeReference } from './references';
import type { Services } from './services';

/** From the palette or the status-bar menu (asks), or a user in the Plex Home view (which passes its `userUuid`). */
export function homeCommandHandlers(services: Services): Record<'plex.switchHomeUser', CommandHandler> {
  return {
    'plex.switchHomeUser': (argument?: unknown) => {
      const userUuid = takeReference(services.ui, referenceOf(argument, 'userUuid', 'string'));
      return userUuid === false ? undefined : services.home.switchTo(userUuid);
    },
  };
}
