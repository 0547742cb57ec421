import type { CommandHandler } from '../commandTable';
import { referenceOf, withReference } from './references';
import type { Services } from './services';

/** From the palette or the status-bar menu (asks), or a user in the Plex Home view (which passes its `userUuid`). */
export function homeCommandHandlers(services: Services): Record<'plex.switchHomeUser', CommandHandler> {
  return {
    'plex.switchHomeUser': (argument?: unknown) =>
      withReference(services.ui, referenceOf(argument, 'userUuid', 'string'), (userUuid) => services.home.switchTo(userUuid)),
  };
}
