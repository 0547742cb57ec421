import * as vscode from 'vscode';
import type { SessionTicket } from '../auth/gateway/plexGateway';
import type { PlexDevice } from '../plex/accountToolsTypes';
import { failureKind, plexFailure } from '../plex/failure';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import { accountAction } from './accountAction';
import type { AccountToolServices } from './accountToolServices';
import { deviceName } from './deviceName';

/**
 * Revokes a device's access at plex.tv, after a modal confirmation naming it, and takes it out of
 * the Devices view. The device is the one plex.tv lists for this account under `deviceId` (the id
 * the Devices view passes); any other id is refused before anything is asked or sent. Removing
 * this VS Code revokes the session's own token: that is a sign-out, and the confirmation says so.
 */
export async function removeDevice(services: AccountToolServices, deviceId: number | undefined, confirmed = false): Promise<void> {
  if (deviceId === undefined) {
    void services.ui().info(vscode.l10n.t('Choose the device to remove in the Devices view.'));
    return;
  }
  await accountAction(
    services,
    'plex.removeDevice',
    async (ticket) => {
      const device = await withCancellableProgress(vscode.l10n.t('Reading your Plex devices...'), () => services.devices.find(ticket, deviceId));
      if (!device) {
        // Removed elsewhere since the view was painted, or never this account's: the view shows what plex.tv lists now.
        services.showDevices();
        throw plexFailure('not-allowed', vscode.l10n.t('That device is not on your Plex account (any more), so nothing was removed. The Devices view shows the devices Plex lists now.'));
      }
      const name = plainText(deviceName(device));
      if (!confirmed && !(await services.ui().confirmRemoveDevice(name, device.current))) {
        return;
      }
      await remove(services, ticket, device, name);
    },
    () => removeDevice(services, deviceId, true),
  );
}

async function remove(services: AccountToolServices, ticket: SessionTicket, device: PlexDevice, name: string): Promise<void> {
  try {
    await withCancellableProgress(vscode.l10n.t('Removing {0} from your Plex account...', name), (signal) =>
      services.gateway.asAccount(ticket).accountTools((tools, token) => tools.removeDevice(token, device.id, { signal })),
    );
  } catch (error) {
    if (failureKind(error) !== 'device-not-found') {
      throw error;
    }
    // Removed elsewhere meanwhile, or the list was stale: what the user asked for is done.
    services.devices.invalidate();
    services.showDevices();
    void services.ui().info(vscode.l10n.t('{0} was already removed from your Plex account.', name));
    return;
  }
  services.devices.forget(ticket.signIn, device.id);
  services.showDevices();
  if (device.current) {
    await services.signOutRevoked();
    return;
  }
  void services.ui().info(vscode.l10n.t('{0} was removed from your Plex account.', name));
}
