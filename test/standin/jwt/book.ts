// The stand-in's JWT state: registered device keys, nonces (5 minutes, one use), issued Plex JWTs,
// received device JWTs, flaws for the next JWTs, and the PMS refuse switch. Times come from the
// stand-in's clock, so tests move it instead of waiting.
import { randomUUID } from 'node:crypto';
import type { AccountRecord } from '../accounts';
import type { StandInClock } from '../clock';
import type { JsonObject } from '../json';
import type { Reply } from '../reply';
import { PlexJwtSigner, parseJwt, signedBy } from './signer';
import type { StandInJwtFlaw, StandInJwtState } from './types';

export const NONCE_LIFETIME_MS = 5 * 60 * 1000;
export const PLEX_JWT_LIFETIME_SECONDS = 7 * 24 * 60 * 60;
const EXPIRES_SOON_SECONDS = 60;
const IAT_SKEW_SECONDS = 60;

/** The messages Plex documents; replies carry no code (Plex documents none for these). */
export const JWT_MESSAGES = {
  signatureFailed: 'Signature verification failed',
  thumbprintTaken: 'Thumbprint already taken',
  expired: 'Token expired',
} as const;

/** plex.tv's error body without a code. */
export function jwtErrorReply(status: number, message: string): Reply {
  return { status, json: { errors: [{ message, status }] }, xmlRoot: 'errors' };
}

export interface DeviceKeyRecord {
  kid: string;
  x: string;
  clientIdentifier: string;
  account: AccountRecord;
  revoked: boolean;
}

/** A public JWK as the client sent it (registration or PIN). */
export interface ReceivedJwk {
  kid: string;
  x: string;
}

interface NonceRecord {
  clientIdentifier: string;
  issuedAtMs: number;
  /** 'exchange' or 'pin:<id>': the polls of one PIN may repeat one device JWT; nothing else may reuse a nonce. */
  usedFor?: string;
}

interface IssuedJwt {
  account: AccountRecord;
  kid: string;
  expMs: number;
}

export type DeviceJwtCheck = { ok: true; nonce: string; scope: string } | { ok: false; reply: Reply };

export class JwtBook {
  readonly signer = new PlexJwtSigner();
  private readonly keys = new Map<string, DeviceKeyRecord>();
  private readonly nonces = new Map<string, NonceRecord>();
  private readonly issued = new Map<string, IssuedJwt>();
  private readonly received: string[] = [];
  /** Every Plex JWT ever issued, revoked ones included, for the leak audit. */
  private readonly issuedList: string[] = [];
  private flaws: { flaw: StandInJwtFlaw; times: number }[] = [];
  /** Plex Media Servers are reported to refuse Plex JWTs: they do here unless a test says otherwise. */
  private refuseAll: boolean;
  /** Per-server choices that override `refuseAll`: client identifier to "refuses". */
  private readonly serverChoice = new Map<string, boolean>();
  private revokesClassicTokens = false;

  constructor(
    readonly clock: StandInClock,
    private readonly remember: (secret: string) => void,
    private readonly revokeClassicTokensOf: (clientIdentifier: string) => void,
    private readonly serversAcceptJwtByDefault = false,
  ) {
    this.refuseAll = !serversAcceptJwtByDefault;
  }

  /** Registers `jwk` for `account` under `clientIdentifier`; a kid another client registered is taken. */
  register(jwk: ReceivedJwk, clientIdentifier: string, account: AccountRecord): Reply | undefined {
    const existing = this.keys.get(jwk.kid);
    if (existing !== undefined && (existing.clientIdentifier !== clientIdentifier || existing.x !== jwk.x)) {
      return jwtErrorReply(422, JWT_MESSAGES.thumbprintTaken);
    }
    this.keys.set(jwk.kid, { kid: jwk.kid, x: jwk.x, clientIdentifier, account, revoked: false });
    return undefined;
  }

  /** Whether a PIN may carry this key: not when another client registered the same kid. */
  thumbprintTaken(jwk: ReceivedJwk, clientIdentifier: string): boolean {
    const existing = this.keys.get(jwk.kid);
    return existing !== undefined && (existing.clientIdentifier !== clientIdentifier || existing.x !== jwk.x);
  }

  registeredKey(kid: unknown): DeviceKeyRecord | undefined {
    const key = typeof kid === 'string' ? this.keys.get(kid) : undefined;
    return key?.revoked === false ? key : undefined;
  }

  newNonce(clientIdentifier: string): string {
    const nonce = randomUUID();
    this.nonces.set(nonce, { clientIdentifier, issuedAtMs: this.clock.now() });
    return nonce;
  }

  /**
   * The checks plex.tv makes of a device JWT signed by `key`, for `use` ('exchange' or
   * 'pin:<id>'): signature (422), iss/aud (400), the nonce (400: unknown, older than 5 minutes,
   * or used elsewhere), then exp (498).
   */
  checkDeviceJwt(token: string, clientIdentifier: string, key: ReceivedJwk | undefined, use: string): DeviceJwtCheck {
    const jwt = parseJwt(token);
    if (jwt === undefined) return { ok: false, reply: jwtErrorReply(400, 'Invalid JWT') };
    this.received.push(token);
    this.remember(token);
    if (jwt.header['alg'] !== 'EdDSA' || key === undefined || jwt.header['kid'] !== key.kid || !signedBy(jwt, key.x)) {
      return { ok: false, reply: jwtErrorReply(422, JWT_MESSAGES.signatureFailed) };
    }
    const { iss, aud, nonce, exp, iat, scope } = jwt.claims;
    if (iss !== clientIdentifier || aud !== 'plex.tv') {
      return { ok: false, reply: jwtErrorReply(400, 'iss must be the client identifier and aud plex.tv') };
    }
    const record = typeof nonce === 'string' ? this.nonces.get(nonce) : undefined;
    const now = this.clock.now();
    if (typeof nonce !== 'string' || record === undefined || record.clientIdentifier !== clientIdentifier) {
      return { ok: false, reply: jwtErrorReply(400, 'Invalid nonce') };
    }
    if (now - record.issuedAtMs > NONCE_LIFETIME_MS) return { ok: false, reply: jwtErrorReply(400, 'Nonce expired') };
    if (record.usedFor !== undefined && (use === 'exchange' || record.usedFor !== use)) return { ok: false, reply: jwtErrorReply(400, 'Nonce already used') };
    if (typeof exp !== 'number' || now >= exp * 1000) return { ok: false, reply: jwtErrorReply(498, JWT_MESSAGES.expired) };
    if (typeof iat !== 'number' || iat * 1000 > now + IAT_SKEW_SECONDS * 1000) {
      return { ok: false, reply: jwtErrorReply(400, 'iat is in the future') };
    }
    record.usedFor = use;
    return { ok: true, nonce, scope: typeof scope === 'string' ? scope : '' };
  }

  /** A Plex JWT for the device key, shaped by the next pending flaw. */
  issue(key: DeviceKeyRecord, nonce: string, scope: string): string {
    const flaw = this.takeFlaw();
    const iat = Math.floor(this.clock.now() / 1000);
    const exp = iat + (flaw === 'expires-soon' ? EXPIRES_SOON_SECONDS : PLEX_JWT_LIFETIME_SECONDS);
    const { seed } = key.account;
    const claims: JsonObject = {
      iss: flaw === 'wrong-issuer' ? 'plex.example' : 'plex.tv',
      aud: ['plex.tv', flaw === 'wrong-audience' ? 'another-client-identifier' : key.clientIdentifier],
      iat,
      exp,
      nonce,
      scope,
      thumbprint: flaw === 'wrong-thumbprint' ? 'f'.repeat(64) : key.kid,
      user: { id: key.account.id, uuid: key.account.uuid, username: seed.username, email: seed.email, friendly_name: seed.title ?? seed.username },
    };
    const token = this.signer.sign(claims, flaw === 'unknown-key');
    this.issued.set(token, { account: key.account, kid: key.kid, expMs: exp * 1000 });
    this.issuedList.push(token);
    this.remember(token);
    if (this.revokesClassicTokens) this.revokeClassicTokensOf(key.clientIdentifier);
    return token;
  }

  /** The account of a Plex JWT that is issued, unexpired on the stand-in's clock, and of a device not revoked. */
  accountFor(token: string | undefined): AccountRecord | undefined {
    const issued = token === undefined ? undefined : this.issued.get(token);
    if (issued === undefined || this.clock.now() >= issued.expMs || this.registeredKey(issued.kid) === undefined) return undefined;
    return issued.account;
  }

  isExpired(token: string | undefined): boolean {
    const issued = token === undefined ? undefined : this.issued.get(token);
    return issued !== undefined && this.clock.now() >= issued.expMs;
  }

  revoke(token: string): void {
    this.issued.delete(token);
  }

  revokeDevice(clientIdentifier: string): void {
    for (const key of this.keys.values()) if (key.clientIdentifier === clientIdentifier) key.revoked = true;
  }

  addFlaw(flaw: StandInJwtFlaw, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
    this.flaws.push({ flaw, times });
  }

  setServersRefuseJwt(refuse: boolean, server?: string): void {
    if (server === undefined) {
      this.refuseAll = refuse;
      this.serverChoice.clear();
    } else {
      this.serverChoice.set(server, refuse);
    }
  }

  /** The reported (unconfirmed) plex.tv behaviour: a Plex JWT for a client identifier ends that identifier's classic tokens. */
  setRevokesClassicTokens(on: boolean): void {
    this.revokesClassicTokens = on;
  }

  serverRefusesJwt(server: string): boolean {
    return this.serverChoice.get(server) ?? this.refuseAll;
  }

  reset(): void {
    this.flaws = [];
    this.refuseAll = !this.serversAcceptJwtByDefault;
    this.serverChoice.clear();
    this.revokesClassicTokens = false;
  }

  deviceJwts(): string[] {
    return [...this.received];
  }

  plexJwts(): string[] {
    return [...this.issuedList];
  }

  state(clientsUrl: string): StandInJwtState {
    return {
      clientsUrl,
      signingKeyIds: this.signer.keyIds(),
      registeredKeys: [...this.keys.values()].map(({ kid, clientIdentifier, account, revoked }) => ({
        kid,
        clientIdentifier,
        username: account.seed.username,
        revoked,
      })),
      flaws: this.flaws.map((entry) => ({ ...entry })),
      serversRefuseJwt: this.refuseAll,
      refusingServers: [...this.serverChoice].filter(([, refuses]) => refuses).map(([server]) => server),
      acceptingServers: [...this.serverChoice].filter(([, refuses]) => !refuses).map(([server]) => server),
      revokesClassicTokens: this.revokesClassicTokens,
      clockOffsetMs: this.clock.offset(),
    };
  }

  private takeFlaw(): StandInJwtFlaw | undefined {
    const next = this.flaws[0];
    if (next === undefined) return undefined;
    next.times -= 1;
    if (next.times <= 0) this.flaws.shift();
    return next.flaw;
  }
}
