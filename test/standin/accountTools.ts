// The account tools' state (Home, devices, claim tokens) and its StandIn operations; link codes
// live in the world's PinBook, since a link code is a non-strong PIN.
import type { StandInAccountToolsApi, StandInLinkCode } from './accountToolsTypes';
import { ClaimBook } from './claims';
import { DeviceBook } from './devices';
import { HomeBook } from './home';
import { WebhookBook } from './webhooks';
import type { StandInWorld } from './world';

export class AccountTools {
  readonly home: HomeBook;
  readonly devices: DeviceBook;
  readonly claims = new ClaimBook();
  readonly webhooks = new WebhookBook();
  private linkDevices = 0;

  constructor(private readonly world: StandInWorld) {
    this.home = new HomeBook(world);
    this.devices = new DeviceBook(world);
  }

  reset(): void {
    this.home.reset();
    this.devices.reset();
    this.claims.reset();
    this.webhooks.reset();
  }

  createLinkCode(options: { clientIdentifier?: string; product?: string } = {}): StandInLinkCode {
    this.linkDevices += 1;
    const clientIdentifier = options.clientIdentifier ?? `standin-tv-${String(this.linkDevices).padStart(4, '0')}`;
    const pin = this.world.pins.create(clientIdentifier, options.product ?? 'Plex for LG', false);
    return { id: pin.id, code: pin.code, clientIdentifier, expiresAt: pin.expiresAt };
  }

  expireLinkCode(code: string): void {
    const pin = this.world.pins.byCode(code.toUpperCase());
    if (pin === undefined) throw new Error(`no live link code "${code}"`);
    pin.expiresAt = Date.now();
  }

  api(): StandInAccountToolsApi {
    return {
      homeUsers: (admin) => this.home.info(admin),
      removeHomeUser: (admin, title) => this.home.remove(admin, title),
      devices: (username) => this.devices.info(this.world.requireAccount(username)),
      deviceTokens: () => this.devices.allTokens(),
      createLinkCode: (options) => this.createLinkCode(options),
      expireLinkCode: (code) => this.expireLinkCode(code),
      claimTokens: () => this.claims.list(),
      setClaimTokenLifetime: (seconds) => this.claims.setLifetime(seconds),
      expireClaimTokens: () => this.claims.expireAll(),
      webhooks: (username) => this.webhooks.list(this.world.requireAccount(username)),
      setWebhooks: (username, urls) => this.webhooks.set(this.world.requireAccount(username), urls),
    };
  }
}
