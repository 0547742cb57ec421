// PINs for the browser sign-in: created by `POST /api/v2/pins`, approved on the auth page (or by a
// test), redeemed by polling `GET /api/v2/pins/:id` with the same client identifier.
import { newPinCode } from './tokens';
import type { JsonObject } from './json';

export interface PinRecord {
  id: number;
  code: string;
  clientIdentifier: string;
  product: string;
  createdAt: number;
  expiresAt: number;
  authToken: string | null;
  polls: number;
  /** Who approved it; a JWK-carrying PIN gets its Plex JWT on the next poll with a device JWT. */
  approvedBy?: string;
  /** The public key of a JWK-carrying PIN (clients.plex.tv, test/standin/jwt/). */
  jwk?: { kid: string; x: string };
}

const STRONG_PIN_SECONDS = 1800;
const LINK_PIN_SECONDS = 900;

export class PinBook {
  private readonly pins = new Map<number, PinRecord>();
  private nextId = 373040866;

  create(clientIdentifier: string, product: string, strong: boolean, now = Date.now()): PinRecord {
    const lifetime = (strong ? STRONG_PIN_SECONDS : LINK_PIN_SECONDS) * 1000;
    const pin: PinRecord = {
      id: this.nextId++,
      code: newPinCode(strong),
      clientIdentifier,
      product,
      createdAt: now,
      expiresAt: now + lifetime,
      authToken: null,
      polls: 0,
    };
    this.pins.set(pin.id, pin);
    return pin;
  }

  /** Forgets every PIN and link code (ids keep counting, so an old id never names a new PIN). */
  clear(): void {
    this.pins.clear();
  }

  /** A live PIN by id; expired PINs are forgotten, as plex.tv does. */
  byId(id: number, now = Date.now()): PinRecord | undefined {
    const pin = this.pins.get(id);
    if (pin !== undefined && pin.expiresAt <= now) {
      this.pins.delete(id);
      return undefined;
    }
    return pin;
  }

  byCode(code: string, now = Date.now()): PinRecord | undefined {
    for (const pin of this.pins.values()) if (pin.code === code) return this.byId(pin.id, now);
    return undefined;
  }
}

/** `AuthPinContainer` from the spec. */
export function pinBody(pin: PinRecord, plexTvUrl: string, now = Date.now()): JsonObject {
  return {
    id: pin.id,
    code: pin.code,
    product: pin.product,
    trusted: false,
    qr: `${plexTvUrl}/api/v2/pins/qr/${pin.code}`,
    clientIdentifier: pin.clientIdentifier,
    location: {
      code: 'NL',
      european_union_member: true,
      continent_code: 'EU',
      country: 'The Netherlands',
      city: 'Breda',
      time_zone: 'Europe/Amsterdam',
      postal_code: '4814',
      in_privacy_restricted_country: true,
      in_privacy_restricted_region: true,
      subdivisions: 'North Brabant',
      coordinates: '51.5869, 4.7471',
    },
    expiresIn: Math.max(0, Math.round((pin.expiresAt - now) / 1000)),
    createdAt: isoSeconds(pin.createdAt),
    expiresAt: isoSeconds(pin.expiresAt),
    authToken: pin.authToken,
    newRegistration: null,
  };
}

function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
