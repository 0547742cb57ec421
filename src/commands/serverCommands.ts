import type { PlexServer } from '../plex/types';
import { copyTransientToken, selectServer, setDefaultServer, showSourceConnectionInformation } from '../servers/serverActions';
import type { ServerServices } from '../servers/serverServices';
import type { CommandHandler } from '../commandTable';

type ServerArgument = { server?: PlexServer } | undefined;

type ServerCommandId = 'plex.copyTransientToken' | 'plex.showSourceConnectionInformation' | 'plex.selectServer' | 'plex.setDefaultServer';

export function serverCommandHandlers(services: ServerServices): Record<ServerCommandId, CommandHandler> {
  return {
    'plex.copyTransientToken': (node?: ServerArgument) => copyTransientToken(services, node?.server),
    'plex.showSourceConnectionInformation': (node?: ServerArgument) => showSourceConnectionInformation(services, node?.server),
    'plex.selectServer': () => selectServer(services),
    'plex.setDefaultServer': (node?: ServerArgument) => setDefaultServer(services, node?.server),
  };
}
