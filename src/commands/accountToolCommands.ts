import type { AccountToolServices } from '../account/accountToolServices';
import { copyAccountToken } from '../account/copyAccountToken';
import { copyClaimToken } from '../account/copyClaimToken';
import { linkDevice } from '../account/linkDevice';
import { removeDevice } from '../account/removeDevice';
import type { CommandHandler } from '../commandTable';
import { referenceOf, takeReference } from './references';

type AccountToolCommandId = 'plex.copyClaimToken' | 'plex.linkDevice' | 'plex.copyAccountToken' | 'plex.removeDevice' | 'plex.refreshDevices';

export function accountToolCommandHandlers(services: AccountToolServices, reloadDevices: () => void): Record<AccountToolCommandId, CommandHandler> {
  return {
    'plex.copyClaimToken': () => copyClaimToken(services),
    'plex.linkDevice': () => linkDevice(services),
    'plex.copyAccountToken': () => copyAccountToken(services),
    // A Devices view row passes its `deviceId`.
    'plex.removeDevice': (argument?: unknown) => {
      const deviceId = takeReference(services.ui, referenceOf(argument, 'deviceId', 'number'));
      return deviceId === false ? undefined : removeDevice(services, deviceId);
    },
    'plex.refreshDevices': () => reloadDevices(),
  };
}
