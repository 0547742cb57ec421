import type { AccountRequests } from '../auth/sessionView';
import type { StoredSession } from '../auth/storedSession';
import type { PlexDevice } from '../plex/accountToolsTypes';
import type { PlexClients } from '../plexApi';
import { withCancellableProgress } from '../ui/progress';

/** Most recently seen first; a device plex.tv never saw goes last. */
function byLastSeen(a: PlexDevice, b: PlexDevice): number {
  return (b.lastSeenAt ?? -1) - (a.lastSeenAt ?? -1);
}

/**
 * The account's authorized devices, read from plex.tv with the account's own token (not a Home
 * user's) when the Devices view first shows them, then kept until a refresh or a removal. The
 * answer's device tokens never get this far: the decoder does not read them.
 */
export class DeviceList {
  private loaded: { token: string; devices: readonly PlexDevice[] } | undefined;
  private loading: { token: string; devices: Promise<readonly PlexDevice[]> } | undefined;

  constructor(
    private readonly clients: PlexClients,
    private readonly requests: AccountRequests,
  ) {}

  /** One request however many callers ask at once; the progress shows in the Devices view. */
  load(session: StoredSession): Promise<readonly PlexDevice[]> {
    const { token } = session;
    if (this.loaded?.token === token) {
      return Promise.resolve(this.loaded.devices);
    }
    if (this.loading?.token !== token) {
      const devices = withCancellableProgress(
        '',
        (signal) => this.requests.tracked(token, this.clients.accountTools().listDevices(token, { signal })),
        { viewId: 'plex.devices' },
      ).then((list) => {
        const sorted = [...list].sort(byLastSeen);
        if (this.loading?.devices === devices) {
          this.loaded = { token, devices: sorted };
        }
        return sorted;
      });
      const loading = { token, devices };
      this.loading = loading;
      void devices.then(
        () => this.loading === loading && (this.loading = undefined),
        () => this.loading === loading && (this.loading = undefined),
      );
    }
    return this.loading.devices;
  }

  /** The next load asks plex.tv again. */
  invalidate(): void {
    this.loaded = undefined;
    this.loading = undefined;
  }

  /** A removed device leaves the list at once, without asking plex.tv again. */
  forget(token: string, deviceId: number): void {
    if (this.loaded?.token === token) {
      this.loaded = { token, devices: this.loaded.devices.filter((device) => device.id !== deviceId) };
    }
  }
}
