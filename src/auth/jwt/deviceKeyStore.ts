import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Log } from '../../log';
import { plexFailure } from '../../plex/failure';
import type { PlexDeviceKey } from '../../plex/jwt/deviceKey';
import type { PlexGateway } from '../gateway/plexGateway';
import type { SessionView } from '../sessionView';
import { accountKey } from '../storedSession';

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

/**
 * The stored layout: every JWT account's device, by account key. plex.tv renews a Plex JWT from
 * the device alone (its key and identifier, no token), so each account has a device of its own.
 * The layout written before several accounts existed, one `{ clientIdentifier, key }`, is read as
 * the active account's device (there was only that account); the next change writes it as its entry.
 */
interface StoredDevice {
  clientIdentifier: string;
  /** The serialized private JWK. */
  key: string;
}

/** Keeps the device keys in SecretStorage and nowhere else; read only when a JWT is signed in or renewed. */
export class DeviceKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly gateway: PlexGateway,
    private readonly log: Log,
    /** Its active account owns a device stored before several accounts existed. */
    private readonly session: SessionView,
  ) {}

  /** The account's stored device, or undefined when there is none or it is damaged (a damaged key is replaced, never half-used). */
  async load(account: string): Promise<JwtDevice | undefined> {
    const entry = (await this.read()).get(account);
    if (entry === undefined) {
      return undefined;
    }
    const key = this.parseKey(entry.key);
    if (!key) {
      this.log.warn('The stored Plex device key is not usable; a new sign-in makes a new one.');
      return undefined;
    }
    return { clientIdentifier: entry.clientIdentifier, key };
  }

  /** A new device: made here, stored only once a Plex JWT for it passed verification. */
  create(): JwtDevice {
    return { clientIdentifier: randomUUID(), key: this.gateway.module().generateDeviceKey() };
  }

  async save(account: string, device: JwtDevice): Promise<void> {
    const devices = await this.read();
    devices.set(account, { clientIdentifier: device.clientIdentifier, key: this.gateway.module().serializeDeviceKey(device.key) });
    try {
      await this.secrets.store(DEVICE_KEY_SECRET, serializeDevices(devices));
    } catch (error) {
      this.log.error('Could not write the Plex device key to secret storage', error);
      throw plexFailure(
        'secret-storage',
        vscode.l10n.t('VS Code could not keep your Plex sign-in in its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then try again.'),
      );
    }
  }

  /** Best effort: a key left behind is useless without its account's session and is replaced by its next JWT sign-in. */
  async forget(account: string): Promise<void> {
    try {
      const devices = await this.read();
      if (!devices.delete(account)) {
        return;
      }
      await (devices.size === 0 ? this.secrets.delete(DEVICE_KEY_SECRET) : this.secrets.store(DEVICE_KEY_SECRET, serializeDevices(devices)));
    } catch (error) {
      this.log.error('Could not remove the Plex device key from secret storage', error);
    }
  }

  /** The stored devices; a damaged secret is none (the next JWT sign-in writes a new one). */
  private async read(): Promise<Map<string, StoredDevice>> {
    let serialized: string | undefined;
    try {
      serialized = await this.secrets.get(DEVICE_KEY_SECRET);
    } catch (error) {
      this.log.error('Could not read the Plex device key', error);
      return new Map();
    }
    return serialized === undefined ? new Map() : parseDevices(serialized, this.session.stored && accountKey(this.session.stored));
  }

  private parseKey(serialized: string): PlexDeviceKey | undefined {
    try {
      return this.gateway.module().parseDeviceKey(serialized);
    } catch {
      return undefined;
    }
  }
}

function storedDevice(value: unknown): StoredDevice | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { clientIdentifier, key } = value as { clientIdentifier?: unknown; key?: unknown };
  return typeof clientIdentifier === 'string' && clientIdentifier !== '' && typeof key === 'string' ? { clientIdentifier, key } : undefined;
}

/** `{ "devices": { "<account key>": { clientIdentifier, key } } }` */
function serializeDevices(devices: ReadonlyMap<string, StoredDevice>): string {
  return JSON.stringify({ devices: Object.fromEntries(devices) });
}

/** Typed reading of the secret: unusable entries are dropped; the single-device layout belongs to `legacyOwner`. */
function parseDevices(serialized: string, legacyOwner: string | undefined): Map<string, StoredDevice> {
  let value: unknown;
  try {
    value = JSON.parse(serialized);
  } catch {
    return new Map();
  }
  const legacy = storedDevice(value);
  if (legacy) {
    return new Map(legacyOwner === undefined ? [] : [[legacyOwner, legacy]]);
  }
  const listed = typeof value === 'object' && value !== null ? (value as { devices?: unknown }).devices : undefined;
  const devices = new Map<string, StoredDevice>();
  if (typeof listed === 'object' && listed !== null) {
    for (const [account, entry] of Object.entries(listed)) {
      const device = storedDevice(entry);
      if (device) {
        devices.set(account, device);
      }
    }
  }
  return devices;
}
