// The one secret the extension keeps, and its serialised form. Plain TypeScript: the session
// state machine and the tests share it.
import type { PlexAccount } from '../plex/types';

export type SignInMethod = 'browser' | 'password' | 'token';

/** A Plex Home user the session acts as: its own token and account, from a switch. */
export interface HomeUserIdentity {
  uuid: string;
  token: string;
  account: PlexAccount;
}

export interface StoredSession {
  /** The signed-in account's token: it signs out, lists devices and switches Home users. */
  token: string;
  account: PlexAccount;
  /** Epoch milliseconds. */
  signedInAt: number;
  method: SignInMethod;
  /** Set while acting as another user of the account's Plex Home. */
  homeUser?: HomeUserIdentity;
  /** Set when `token` is a verified Plex JWT (the JWT preview); absent for a classic token. */
  jwt?: StoredJwt;
}

/** What the session keeps of a Plex JWT beside the token itself; the device key is a secret of its own. */
export interface StoredJwt {
  /** Epoch seconds, from the verified `exp`. */
  expiresAt: number;
}

/** Who the extension acts as: the Home user switched to, else the signed-in account. */
export function activeIdentity(session: StoredSession): { token: string; account: PlexAccount; homeUser: boolean } {
  return session.homeUser
    ? { token: session.homeUser.token, account: session.homeUser.account, homeUser: true }
    : { token: session.token, account: session.account, homeUser: false };
}

/** The stored value, or undefined when it is not in a form this version understands. */
export function parseStoredSession(serialized: string): StoredSession | undefined {
  try {
    const value: unknown = JSON.parse(serialized);
    return isStoredSession(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<StoredSession>;
  return (
    typeof candidate.token === 'string' &&
    candidate.token.length > 0 &&
    typeof candidate.account === 'object' &&
    candidate.account !== null &&
    typeof candidate.account.username === 'string' &&
    typeof candidate.signedInAt === 'number' &&
    (candidate.jwt === undefined || (typeof candidate.jwt === 'object' && candidate.jwt !== null && typeof candidate.jwt.expiresAt === 'number'))
  );
}
