import { copyTransientToken, forgetServerPermissions, selectServer, setDefaultServer, showSourceConnectionInformation } from '../servers/serverActions';
import { testConnections } from '../servers/connectionDoctor';
import type { ServerServices } from '../servers/serverServices';
import type { CommandHandler } from '../commandTable';
import { referenceOf, takeReference } from './references';

type ServerCommandId =
  | 'plex.copyTransientToken'
  | 'plex.showSourceConnectionInformation'
  | 'plex.selectServer'
  | 'plex.setDefaultServer'
  | 'plex.forgetServerPermissions'
  | 'plex.testConnections';

/** Each takes a server's client identifier (a Servers view row's `serverId`), or nothing. */
export function serverCommandHandlers(services: ServerServices): Record<ServerCommandId, CommandHandler> {
  const serverId = (argument: unknown) => takeReference(services.ui, referenceOf(argument, 'serverId', 'string'));
  return {
    'plex.copyTransientToken': (argument?: unknown) => {
      const id = serverId(argument);
      return id === false ? undefined : copyTransientToken(services, id);
    },
    'plex.showSourceConnectionInformation': (argument?: unknown) => {
      const id = serverId(argument);
      return id === false ? undefined : showSourceConnectionInformation(services, id);
    },
    'plex.selectServer': () => selectServer(services),
    'plex.setDefaultServer': (argument?: unknown) => {
      const id = serverId(argument);
      return id === false ? undefined : setDefaultServer(services, id);
    },
    'plex.forgetServerPermissions': () => forgetServerPermissions(services),
    'plex.testConnections': (argument?: unknown) => {
      const id = serverId(argument);
      return id === false ? undefined : testConnections(services, id);
    },
  };
}
