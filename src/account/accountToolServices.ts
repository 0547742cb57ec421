import type { PlexGateway } from '../auth/gateway/plexGateway';
import type { SessionView } from '../auth/sessionView';
import type { Log } from '../log';
import type { ErrorReporter } from '../ui/errorReporter';
import type { SecretClipboard } from '../ui/secretClipboard';
import type { Ui } from '../ui/ui';
import type { ClaimCountdown } from './claimCountdown';
import type { DeviceList } from './deviceList';

/** What the account tools (devices, claim token, linking, account token) work with; built with the command code. */
export interface AccountToolServices {
  readonly session: SessionView;
  readonly gateway: PlexGateway;
  readonly clipboard: SecretClipboard;
  readonly errors: ErrorReporter;
  readonly log: Log;
  readonly devices: DeviceList;
  readonly claim: ClaimCountdown;
  ui(): Ui;
  /** Repaints the Devices view (from the kept list, or loading it again after `devices.invalidate()`). */
  showDevices(): void;
  /** Forgets the session here after plex.tv already revoked its token (this device was removed). */
  signOutRevoked(): Promise<unknown>;
  /** Copy Transient Token, offered instead of the account token. */
  copyTransientToken(): Promise<unknown>;
}
