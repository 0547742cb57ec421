import { copyTransientToken, forgetServerPermissions, selectServer, setDefaultServer, showSourceConnectionInformation } from '../servers/serverActions';
import type { ServerServices } from '../servers/serverServices';
import type { CommandHandler } from '../commandTable';
import { referenceOf, withReference } from './references';

type ServerCommandId =
  | 'plex.copyTransientToken'
  | 'plex.showSourceConnectionInformation'
  | 'plex.selectServer'
  | 'plex.setDefaultServer'
  | 'plex.forgetServerPermissions';

/** Each takes a server's client identifier (a Servers view row's `serverId`), or nothing. */
export function serverCommandHandlers(services: ServerServices): Record<ServerCommandId, CommandHandler> {
  const onServerId = (argument: unknown, run: (serverId: string | undefined) => Promise<void>) =>
    withReference(services.ui, referenceOf(argument, 'serverId', 'string'), run);
  return {
    'plex.copyTransientToken': (argument?: unknown) => onServerId(argument, (serverId) => copyTransientToken(services, serverId)),
    'plex.showSourceConnectionInformation': (argument?: unknown) => onServerId(argument, (serverId) => showSourceConnectionInformation(services, serverId)),
    'plex.selectServer': () => selectServer(services),
    'plex.setDefaultServer': (argument?: unknown) => onServerId(argument, (serverId) => setDefaultServer(services, serverId)),
    'plex.forgetServerPermissions': () => forgetServerPermissions(services),
  };
}
