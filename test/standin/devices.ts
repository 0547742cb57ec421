// Authorized devices in the stand-in: each account's device entries, each carrying the device's
// live token as plex.tv's /devices.xml does. Removing an entry revokes every token bound to it.
import { createHash } from 'node:crypto';
import { type AccountRecord, accountTitle } from './accounts';
import type { StandInDeviceInfo } from './accountToolsTypes';
import type { JsonObject } from './json';
import type { StandInWorld } from './world';

export interface DeviceRecord {
  id: number;
  name: string;
  product: string;
  productVersion: string;
  platform: string;
  platformVersion: string;
  device: string;
  clientIdentifier: string;
  provides: string;
  /** Epoch seconds. */
  createdAt: number;
  lastSeenAt: number;
  /** Tokens bound to this device; the newest is what the list shows. */
  tokens: string[];
}

const SEEDED_AT = 1721154902;

export class DeviceBook {
  private readonly byAccount = new Map<AccountRecord, DeviceRecord[]>();
  private readonly everyToken: string[] = [];
  private nextId = 528871000;

  constructor(private readonly world: StandInWorld) {}

  /** The account's devices; the calling device is registered (or refreshed) under its own token. */
  list(account: AccountRecord, caller?: { clientIdentifier: string; token: string; product: string; deviceName: string }): DeviceRecord[] {
    const devices = this.devicesOf(account);
    if (caller !== undefined) {
      const now = Math.floor(Date.now() / 1000);
      const existing = devices.find((device) => device.clientIdentifier === caller.clientIdentifier);
      if (existing === undefined) {
        devices.push(this.record(caller.deviceName, caller.product, caller.clientIdentifier, 'client,controller', now, caller.token));
      } else {
        existing.lastSeenAt = now;
        if (!existing.tokens.includes(caller.token)) existing.tokens.push(caller.token);
      }
    }
    return devices;
  }

  /** Removes the entry and revokes its tokens; false when there is no such device on the account. */
  remove(account: AccountRecord, id: number): boolean {
    const devices = this.devicesOf(account);
    const index = devices.findIndex((device) => device.id === id);
    if (index < 0) return false;
    const [removed] = devices.splice(index, 1);
    for (const token of removed?.tokens ?? []) this.world.revokeToken(token);
    return true;
  }

  info(account: AccountRecord): StandInDeviceInfo[] {
    return this.devicesOf(account).map((device) => ({
      id: device.id,
      name: device.name,
      clientIdentifier: device.clientIdentifier,
      owner: accountTitle(account.seed),
      token: device.tokens[device.tokens.length - 1] ?? '',
    }));
  }

  /** Back to the seeded devices (fresh tokens); tokens of removed entries stay revoked. */
  reset(): void {
    this.byAccount.clear();
  }

  /** Seeds every sign-in account's devices first, so the audit list is complete. */
  allTokens(): string[] {
    for (const account of this.world.accounts) this.devicesOf(account);
    return [...this.everyToken];
  }

  /** `GET /devices.xml`: a MediaContainer of Device elements (rendered as XML unless JSON is asked for). */
  body(devices: DeviceRecord[]): JsonObject {
    return {
      MediaContainer: {
        publicAddress: '203.0.113.10',
        size: devices.length,
        Device: devices.map((device) => ({
          name: device.name,
          publicAddress: '203.0.113.10',
          product: device.product,
          productVersion: device.productVersion,
          platform: device.platform,
          platformVersion: device.platformVersion,
          device: device.device,
          model: '',
          vendor: '',
          provides: device.provides,
          clientIdentifier: device.clientIdentifier,
          version: device.productVersion,
          id: device.id,
          token: device.tokens[device.tokens.length - 1] ?? '',
          createdAt: device.createdAt,
          lastSeenAt: device.lastSeenAt,
          screenResolution: '',
          screenDensity: '',
          Connection: [{ uri: 'http://192.168.1.20:32500' }],
        })),
      },
    };
  }

  private devicesOf(account: AccountRecord): DeviceRecord[] {
    let devices = this.byAccount.get(account);
    if (devices === undefined) {
      devices = this.world.accounts.includes(account) ? this.seed(account) : [];
      this.byAccount.set(account, devices);
    }
    return devices;
  }

  /** Two other devices per sign-in account: a TV and the phone /resources also lists. */
  private seed(account: AccountRecord): DeviceRecord[] {
    const title = accountTitle(account.seed);
    const phoneId = createHash('sha256').update(`player:${account.seed.username}`).digest('hex').slice(0, 24);
    const tvId = createHash('sha256').update(`tv:${account.seed.username}`).digest('hex').slice(0, 24);
    return [
      {
        ...this.record('Living Room TV', 'Plex for LG', tvId, 'client,player,pubsub-player', SEEDED_AT + 3600, this.world.issueAccountToken(account)),
        productVersion: '3.13.1',
        platform: 'webOS',
        platformVersion: '05.30.01',
        device: 'OLED65C1',
        createdAt: SEEDED_AT,
      },
      {
        ...this.record(`${title}'s iPhone`, 'Plex for iOS', phoneId, 'client,player,pubsub-player', SEEDED_AT + 7200, this.world.issueAccountToken(account)),
        productVersion: '2024.10.0',
        platform: 'iOS',
        platformVersion: '17.6',
        device: 'iPhone',
        createdAt: SEEDED_AT + 60,
      },
    ];
  }

  private record(
    name: string,
    product: string,
    clientIdentifier: string,
    provides: string,
    lastSeenAt: number,
    token: string,
  ): DeviceRecord {
    this.everyToken.push(token);
    return {
      id: this.nextId++,
      name,
      product,
      productVersion: '',
      platform: '',
      platformVersion: '',
      device: '',
      clientIdentifier,
      provides,
      createdAt: lastSeenAt,
      lastSeenAt,
      tokens: [token],
    };
  }
}
