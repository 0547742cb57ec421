import type { AccountToolServices } from '../account/accountToolServices';
import { copyAccountToken } from '../account/copyAccountToken';
import { copyClaimToken } from '../account/copyClaimToken';
import { linkDevice } from '../account/linkDevice';
import { removeDevice } from '../account/removeDevice';
import type { CommandHandler } from '../commandTable';
import type { DeviceNode } from '../views/deviceView';

type AccountToolCommandId = 'plex.copyClaimToken' | 'plex.linkDevice' | 'plex.copyAccountToken' | 'plex.removeDevice' | 'plex.refreshDevices';

export function accountToolCommandHandlers(services: AccountToolServices, reloadDevices: () => void): Record<AccountToolCommandId, CommandHandler> {
  return {
    'plex.copyClaimToken': () => copyClaimToken(services),
    'plex.linkDevice': () => linkDevice(services),
    'plex.copyAccountToken': () => copyAccountToken(services),
    'plex.removeDevice': (node?: DeviceNode) => removeDevice(services, node?.kind === 'device' ? node.device : undefined),
    'plex.refreshDevices': () => reloadDevices(),
  };
}
