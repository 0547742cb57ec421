import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Log } from '../../log';
import { plexFailure } from '../../plex/failure';
import type { PlexDeviceKey } from '../../plex/jwt/deviceKey';
import type { PlexGateway } from '../gateway/plexGateway';

/** A secret of its own beside `plex.session`, so activation (which reads only the session) never reads the key. */
const DEVICE_KEY_SECRET = 'plex.deviceKey';

/**
 * The JWT device: the Ed25519 key and the client identifier it is registered under. The
 * identifier is not the installation's: plex.tv is reported to end a device's classic tokens once
 * it issues that device a JWT, so the JWT device never shares an identifier with a classic token
 * that must stay valid (a pasted token, or a classic sign-in after the preview is turned off).
 */
export interface JwtDevice {
  clientIdentifier: string;
  key: PlexDeviceKey;
}

/** Keeps the device key in SecretStorage and nowhere else; read only when a JWT is signed in or renewed. */
export class DeviceKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly gateway: PlexGateway,
    private readonly log: Log,
  ) {}

  /** The stored device, or undefined when there is none or it is damaged (a damaged key is replaced, never half-used). */
  async load(): Promise<JwtDevice | undefined> {
    let serialized: string | undefined;
    try {
      serialized = await this.secrets.get(DEVICE_KEY_SECRET);
    } catch (error) {
      this.log.error('Could not read the Plex device key', error);
      return undefined;
    }
    if (serialized === undefined) {
      return undefined;
    }
    const device = this.parse(serialized);
    if (!device) {
      this.log.warn('The stored Plex device key is not usable; a new sign-in makes a new one.');
    }
    return device;
  }

  /** A new device: made here, stored only once a Plex JWT for it passed verification. */
  create(): JwtDevice {
    return { clientIdentifier: randomUUID(), key: this.gateway.module().generateDeviceKey() };
  }

  async save(device: JwtDevice): Promise<void> {
    const serialized = JSON.stringify({ clientIdentifier: device.clientIdentifier, key: this.gateway.module().serializeDeviceKey(device.key) });
    try {
      await this.secrets.store(DEVICE_KEY_SECRET, serialized);
    } catch (error) {
      this.log.error('Could not write the Plex device key to secret storage', error);
      throw plexFailure(
        'secret-storage',
        vscode.l10n.t('VS Code could not keep your Plex sign-in in its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then try again.'),
      );
    }
  }

  /** Best effort: a key left behind is useless without the session and is replaced by the next JWT sign-in. */
  async forget(): Promise<void> {
    try {
      await this.secrets.delete(DEVICE_KEY_SECRET);
    } catch (error) {
      this.log.error('Could not remove the Plex device key from secret storage', error);
    }
  }

  private parse(serialized: string): JwtDevice | undefined {
    try {
      const value = JSON.parse(serialized) as { clientIdentifier?: unknown; key?: unknown };
      if (typeof value.clientIdentifier !== 'string' || value.clientIdentifier === '' || typeof value.key !== 'string') {
        return undefined;
      }
      const key = this.gateway.module().parseDeviceKey(value.key);
      return key && { clientIdentifier: value.clientIdentifier, key };
    } catch {
      return undefined;
    }
  }
}
