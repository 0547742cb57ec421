// The stand-in's contract for the account tools (Plex Home, devices, claim tokens, link codes):
// seeds, and what tests may call in-process (StandIn) or over the control API (StandInControl).

export type StandInHomeUserKind = 'administrator' | 'member' | 'managed' | 'guest';

export interface StandInHomeMemberSeed {
  title: string;
  /** member: has its own plex.tv login (username, email); managed: restricted, no login; guest: the Home's guest. */
  kind: Exclude<StandInHomeUserKind, 'administrator'>;
  username?: string;
  email?: string;
  /** A Home PIN (4 digits): switching to this user needs it. */
  pin?: string;
  /** Managed users: little_kid, older_kid, teen. */
  restrictionProfile?: string;
}

/** The account seeding it is the Home's administrator. */
export interface StandInHomeSeed {
  name?: string;
  /** The administrator's own Home PIN, if any. */
  adminPin?: string;
  members: StandInHomeMemberSeed[];
}

export interface StandInHomeUserInfo {
  id: number;
  uuid: string;
  title: string;
  kind: StandInHomeUserKind;
  /** The PIN, for tests to type; absent when the user is not protected. */
  pin?: string;
}

export interface StandInDeviceInfo {
  id: number;
  name: string;
  clientIdentifier: string;
  /** Account (or Home user) title the device belongs to. */
  owner: string;
  /** The device's live token (what /devices.xml shows), for tests that check a removal revokes it. */
  token: string;
}

export interface StandInLinkCode {
  /** PIN id: the other device polls `GET /api/v2/pins/:id` with `clientIdentifier` to get its token once linked. */
  id: number;
  /** The 4-character code the device "shows". */
  code: string;
  clientIdentifier: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface StandInClaimTokenInfo {
  token: string;
  username: string;
  /** Epoch ms. */
  expiresAt: number;
  expired: boolean;
}

export interface StandInAccountToolsApi {
  /** The Home of `admin` (a username), users in plex.tv's order; [] when the account has no Home. */
  homeUsers(admin: string): StandInHomeUserInfo[];
  /** Removes a user (by title) from `admin`'s Home: it is no longer listed, cannot be switched to, and its tokens stop working. */
  removeHomeUser(admin: string, title: string): void;
  /** Devices authorized on `username`'s account, as `/devices.xml` would list them now. */
  devices(username: string): StandInDeviceInfo[];
  /** Every token any device entry ever carried (seeded, registered, removed): for secret audits. */
  deviceTokens(): string[];
  /** A pending plex.tv/link code, as a TV creates it (a non-strong PIN). */
  createLinkCode(options?: { clientIdentifier?: string; product?: string }): StandInLinkCode;
  /** Makes a link code expire now. */
  expireLinkCode(code: string): void;
  claimTokens(): StandInClaimTokenInfo[];
  /** Claim tokens issued from now on live this long (default 240 s, as plex.tv's). */
  setClaimTokenLifetime(seconds: number): void;
  /** Every claim token issued so far expires now. */
  expireClaimTokens(): void;
  /** `username`'s webhook URLs, as `GET /api/v2/user/webhooks` lists them now. */
  webhooks(username: string): string[];
  /** Replaces `username`'s webhook list, as another window or the Plex web app would. */
  setWebhooks(username: string, urls: string[]): string[];
}
