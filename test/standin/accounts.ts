// The demo accounts (used by `npm start`, `npm run standin` and the tests) and the plex.tv
// `UserPlexAccount` body built from an account. Passwords and codes are demo values.
import { createHash } from 'node:crypto';
import type { StandInAccountSeed } from './types';
import type { JsonObject } from './json';

/**
 * - alice: administrator of a Plex Home with Dana (a member with her own login, PIN 1234), Kids
 *   (managed, little_kid) and Guest. The only account in a Home.
 * - alice: owns two servers. "Alice's Library" (2024-09 spec) has a local http connection to its
 *   stand-in listener and a remote https connection to `https://127.0.0.1:1`, which nothing
 *   listens on, so it fails fast with ECONNREFUSED (a remote address that is unreachable from here).
 *   "Alice's Cloud" (2026-02 spec) has only a relay connection, pointing at its listener.
 * - bob: two-factor authentication, code 123456.
 * - carol: an active Plex Pass (lifetime).
 */
/** Longer than any request timeout the extension allows a probe (5 s): the slow connection never answers in time. */
export const DAVE_SLOW_DELAY_MS = 30_000;

/** Dave's Server's connections, by what each does (indexes in the seed's order, for setConnectionDelay). */
export const DAVE_CONNECTIONS = { slow: 0, refused: 1, impostor: 2, good: 3 } as const;

export const DEMO_ACCOUNTS: StandInAccountSeed[] = [
  {
    username: 'alice',
    email: 'alice@example.com',
    password: 'alice-password',
    title: 'Alice',
    servers: [
      {
        name: "Alice's Library",
        clientIdentifier: 'a11ce0000000000000000000000000000000001',
        spec: '2024-09',
        connections: [
          { protocol: 'http', local: true, relay: false },
          { protocol: 'https', local: false, relay: false, uri: 'https://127.0.0.1:1' },
        ],
      },
      {
        name: "Alice's Cloud",
        clientIdentifier: 'a11ce0000000000000000000000000000000002',
        spec: '2026-02',
        connections: [{ protocol: 'http', local: false, relay: true }],
      },
    ],
    home: {
      members: [
        { title: 'Dana', kind: 'member', username: 'dana', email: 'dana@example.com', pin: '1234' },
        { title: 'Kids', kind: 'managed', restrictionProfile: 'little_kid' },
        { title: 'Guest', kind: 'guest' },
      ],
    },
  },
  {
    username: 'bob',
    email: 'bob@example.com',
    password: 'bob-password',
    title: 'Bob',
    verificationCode: '123456',
  },
  {
    username: 'carol',
    email: 'carol@example.com',
    password: 'carol-password',
    title: 'Carol',
    plexPass: true,
  },
  {
    // A server whose connections each fail another way, for the connection doctor: listed in this
    // order, ranked refused (local https), good (local http), then slow and impostor (remote).
    username: 'dave',
    email: 'dave@example.com',
    password: 'dave-password',
    title: 'Dave',
    servers: [
      {
        name: "Dave's Server",
        clientIdentifier: 'da7e00000000000000000000000000000000001',
        spec: '2024-09',
        connections: [
          { protocol: 'http', local: false, relay: false, delayMs: DAVE_SLOW_DELAY_MS },
          { protocol: 'https', local: true, relay: false, uri: 'https://127.0.0.1:1' },
          { protocol: 'http', local: false, relay: false, answersAs: 'a11ce0000000000000000000000000000000001', delayMs: 0 },
          { protocol: 'http', local: true, relay: false, delayMs: 0 },
        ],
      },
    ],
  },
];

export interface AccountRecord {
  seed: StandInAccountSeed;
  id: number;
  uuid: string;
  joinedAt: number;
  /** Epoch seconds; a ping moves it forward (see ping.ts). */
  rememberExpiresAt: number;
}

/** How long a classic token lives unused, counted from its last use. */
export const REMEMBER_SECONDS = 30 * 86400;

export function accountRecord(seed: StandInAccountSeed, index: number): AccountRecord {
  // Stable ids across runs make screenshots and logs comparable.
  const uuid = createHash('sha256').update(`standin:${seed.username}`).digest('hex').slice(0, 16);
  const joinedAt = 1721154902 + index * 86400;
  return { seed, id: 13692262 + index, uuid, joinedAt, rememberExpiresAt: joinedAt + REMEMBER_SECONDS };
}

export function accountTitle(seed: StandInAccountSeed): string {
  return seed.title ?? seed.username;
}

const PLEX_PASS_FEATURES = ['hardware_transcoding', 'sync', 'premium_music_metadata', 'webhooks', 'Android - Dolby Vision'];

/**
 * A monthly Plex Pass that ended before the lifetime one, shaped as the 2024-09 spec's example
 * account shows `pastSubscriptions`. The 2026-02 `GET /api/v2/user` schema documents neither
 * `pastSubscriptions` nor its entries' fields: real Plex sends them anyway, so decoders meet fields
 * they do not know in every Plex Pass account answer.
 */
const ENDED_MONTHLY_PASS: JsonObject = {
  id: 'sub-2019-monthly',
  mode: 'monthly',
  renewsAt: null,
  endsAt: 1556281940,
  canceled: false,
  gracePeriod: false,
  onHold: false,
  canReactivate: false,
  canUpgrade: false,
  canDowngrade: false,
  canConvert: false,
  type: 'plexpass',
  transfer: null,
  state: 'ended',
  billing: { internalPaymentMethod: {}, paymentMethodId: null },
};

/** A `UserPlexAccount` as `GET /api/v2/user` and sign-in return it (fields from the 2024-09 spec). */
export function userPlexAccountBody(account: AccountRecord, authToken: string): JsonObject {
  const { seed } = account;
  const plexPass = seed.plexPass === true;
  const subscription: JsonObject = plexPass
    ? { active: true, subscribedAt: '2021-04-12T18:21:12Z', status: 'Active', paymentService: 'braintree', plan: 'lifetime', features: PLEX_PASS_FEATURES }
    : { active: false, subscribedAt: null, status: 'Inactive', paymentService: null, plan: null, features: [] };
  return {
    id: account.id,
    uuid: account.uuid,
    username: seed.username,
    title: accountTitle(seed),
    friendlyName: accountTitle(seed),
    email: seed.email,
    thumb: `https://plex.tv/users/${account.uuid}/avatar?c=1721154902`,
    authToken,
    joinedAt: account.joinedAt,
    locale: null,
    country: 'US',
    confirmed: true,
    emailOnlyAuth: false,
    hasPassword: true,
    twoFactorEnabled: seed.verificationCode !== undefined,
    backupCodesCreated: seed.verificationCode !== undefined,
    anonymous: false,
    guest: false,
    home: false,
    homeAdmin: false,
    homeSize: 1,
    maxHomeSize: 15,
    restricted: false,
    protected: false,
    mailingListActive: false,
    mailingListStatus: 'unsubscribed',
    experimentalFeatures: false,
    adsConsent: null,
    adsConsentReminderAt: null,
    adsConsentSetAt: null,
    rememberExpiresAt: account.rememberExpiresAt,
    scrobbleTypes: '',
    subscriptionDescription: plexPass ? 'Lifetime Plex Pass' : null,
    subscription,
    subscriptions: [subscription],
    pastSubscriptions: plexPass ? [ENDED_MONTHLY_PASS] : [],
    roles: plexPass ? ['plexpass'] : [],
    entitlements: plexPass ? ['all'] : [],
    services: [],
    trials: [],
    profile: {
      autoSelectAudio: true,
      defaultAudioLanguage: 'en',
      defaultSubtitleLanguage: 'en',
      autoSelectSubtitle: 0,
      defaultSubtitleAccessibility: 0,
      defaultSubtitleForced: 0,
      watchedIndicator: 1,
      mediaReviewsVisibility: 0,
    },
  };
}
