import type { PlexGateway, SessionTicket } from '../auth/gateway/plexGateway';
import type { PlexDevice } from '../plex/accountToolsTypes';
import { withCancellableProgress } from '../ui/progress';

/** Most recently seen first; a device plex.tv never saw goes last. */
function byLastSeen(a: PlexDevice, b: PlexDevice): number {
  return (b.lastSeenAt ?? -1) - (a.lastSeenAt ?? -1);
}

/**
 * The account's authorized devices, read from plex.tv with the account's own token (not a Home
 * user's) when the Devices view first shows them, then kept until a
 * refresh or a removal (for the sign-in: a renewal or a Home switch keeps them). The answer's device tokens never get this far: the decoder does not read them.
 */
export class DeviceList {
  private loaded: { signIn: string; devices: readonly PlexDevice[] } | undefined;
  private loading: { signIn: string; devices: Promise<readonly PlexDevice[]> } | undefined;

  constructor(private readonly gateway: PlexGateway) {}

  /** One request however many callers ask at once; the progress shows in the Devices view. */
  load(ticket: SessionTicket): Promise<readonly PlexDevice[]> {
    const { signIn } = ticket;
    if (this.loaded?.signIn === signIn) {
      return Promise.resolve(this.loaded.devices);
    }
    if (this.loading?.signIn !== signIn) {
      const devices = withCancellableProgress(
        '',
        (signal) => this.gateway.asAccount(ticket).accountTools((tools, token) => tools.listDevices(token, { signal })),
        { viewId: 'plex.devices' },
      ).then((list) => {
        const sorted = [...list].sort(byLastSeen);
        if (this.loading?.devices === devices) {
          this.loaded = { signIn, devices: sorted };
        }
        return sorted;
      });
      const loading = { signIn, devices };
      this.loading = loading;
      void devices.then(
        () => this.loading === loading && (this.loading = undefined),
        () => this.loading === loading && (this.loading = undefined),
      );
    }
    return this.loading.devices;
  }

  /**
   * The device plex.tv listed for this account with id `deviceId`; the list is read again once when
   * the kept one lacks it (a device authorized since). Undefined: plex.tv does not list it.
   */
  async find(ticket: SessionTicket, deviceId: unknown): Promise<PlexDevice | undefined> {
    if (typeof deviceId !== 'number' || !Number.isSafeInteger(deviceId)) {
      return undefined;
    }
    const kept = (await this.load(ticket)).find((device) => device.id === deviceId);
    if (kept) {
      return kept;
    }
    this.invalidate();
    return (await this.load(ticket)).find((device) => device.id === deviceId);
  }

  /** The next load asks plex.tv again. */
  invalidate(): void {
    this.loaded = undefined;
    this.loading = undefined;
  }

  /** A removed device leaves the list at once, without asking plex.tv again. */
  forget(signIn: string, deviceId: number): void {
    if (this.loaded?.signIn === signIn) {
      this.loaded = { signIn, devices: this.loaded.devices.filter((device) => device.id !== deviceId) };
    }
  }
}
