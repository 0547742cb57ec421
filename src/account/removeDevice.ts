import * as vscode from 'vscode';
import type { PlexDevice } from '../plex/accountToolsTypes';
import { failureKind } from '../plex/failure';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import { accountAction } from './accountAction';
import type { AccountToolServices } from './accountToolServices';
import { deviceName } from './deviceName';

/**
 * Revokes a device's access at plex.tv, after a modal confirmation naming it, and takes it out of
 * the Devices view. Removing this VS Code revokes the session's own token: that is a sign-out,
 * and the confirmation says so.
 */
export async function removeDevice(services: AccountToolServices, device: PlexDevice | undefined, confirmed = false): Promise<void> {
  if (!device) {
    void services.ui().info(vscode.l10n.t('Choose the device to remove in the Devices view.'));
    return;
  }
  const name = plainText(deviceName(device));
  await accountAction(
    services,
    'plex.removeDevice',
    async (session) => {
      if (!confirmed && !(await services.ui().confirmRemoveDevice(name, device.current))) {
        return;
      }
      const { token } = session;
      try {
        await withCancellableProgress(vscode.l10n.t('Removing {0} from your Plex account...', name), (signal) =>
          services.session.tracked(token, services.clients.accountTools().removeDevice(token, device.id, { signal })),
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
      services.devices.forget(token, device.id);
      services.showDevices();
      if (device.current) {
        await services.signOutRevoked();
        return;
      }
      void services.ui().info(vscode.l10n.t('{0} was removed from your Plex account.', name));
    },
    () => removeDevice(services, device, true),
  );
}
