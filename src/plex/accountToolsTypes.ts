// Public shapes of the account tools: Plex Home users, authorized devices, claim tokens, linking.
// No imports beyond types, so the extension bundle may use LINK_CODE_PATTERN without loading dist/plex.js.
import type { PlexAccount } from './types';

/** administrator: the Home's admin; member: has a plex.tv login of its own; managed: restricted, no login; guest: the Home's guest. */
export type PlexHomeUserKind = 'administrator' | 'member' | 'managed' | 'guest';

export interface PlexHomeUser {
  /** Numeric plex.tv user id. */
  id: number;
  /** The key `switchHomeUser` takes. */
  uuid: string;
  /** The name to show (a managed user has no other). */
  title: string;
  /** Empty or absent for managed users and the guest. */
  username?: string;
  kind: PlexHomeUserKind;
  /** True for the Home's administrator. */
  admin: boolean;
  /** A PIN is needed to switch to this user. */
  protected: boolean;
  /** Managed users: `little_kid`, `older_kid`, `teen`; absent or empty for a custom profile. */
  restrictionProfile?: string;
}

export interface PlexHome {
  /** The account shares a Plex Home with at least one other user. */
  inHome: boolean;
  id?: number;
  name?: string;
  /** Administrator first, then plex.tv's order. Empty when not in a Home. */
  users: PlexHomeUser[];
}

/** The answer to a switch: the Home user's own token, and its account when plex.tv sent a readable one. */
export interface PlexHomeSwitch {
  authToken: string;
  /** Absent when the answer did not hold a full account: read it with `PlexTvClient.getAccount(authToken)`. */
  account?: PlexAccount;
}

/**
 * One authorized device. Deliberately holds no token: plex.tv's list carries every device's live
 * token, and the decoder never reads those attributes.
 */
export interface PlexDevice {
  /** plex.tv's device id: the key `removeDevice` takes (not the client identifier). */
  id: number;
  /** May be empty; show `product` then. */
  name: string;
  clientIdentifier: string;
  product?: string;
  /** productVersion, else version. */
  version?: string;
  platform?: string;
  platformVersion?: string;
  device?: string;
  /** e.g. ['client', 'player']; ['server'] for a Plex Media Server. */
  provides: string[];
  /** Epoch seconds. */
  createdAt?: number;
  /** Epoch seconds. */
  lastSeenAt?: number;
  /** This is the device making the request (same client identifier): removing it signs this device out. */
  current: boolean;
}

export interface PlexClaimToken {
  /** `claim-...`: give it to a new Plex Media Server (PLEX_CLAIM) before it expires. */
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** False when plex.tv gave no expiry and `expiresAt` is the documented lifetime (4 minutes) from the request. */
  expiryFromPlex: boolean;
}

/** What plex.tv/link shows on a TV: 4 letters or digits, case-insensitive. */
export const LINK_CODE_PATTERN = /^[A-Za-z0-9]{4}$/;

/** A claim token's life when plex.tv does not say: about 4 minutes (linuxserver/docker-plex; plex-api.rs uses 240 s). */
export const CLAIM_TOKEN_LIFETIME_MS = 240_000;
