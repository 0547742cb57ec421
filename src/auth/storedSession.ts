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

/** The active account's session of a stored value, or undefined when it is not in a form this version understands. */
export function parseStoredSession(serialized: string): StoredSession | undefined {
  return parseStoredAccounts(serialized)?.active;
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

/**
 * Every account signed in on this installation: the active one (what views, commands and requests
 * act as) and the others, in the order they were added. Kept in the same one secret: the active
 * account's session at the top level, as a single-account secret has always been, and the others
 * under `otherAccounts`, so a secret written before accounts existed is one active account, and a
 * version that knows nothing of accounts still reads the active one.
 */
export interface StoredAccounts {
  readonly active: StoredSession;
  readonly others: readonly StoredSession[];
}

/** An account's key: plex.tv's uuid (the `plex` provider's session id), else its numeric id. */
export function accountKey(session: Pick<StoredSession, 'account'>): string {
  return session.account.uuid || String(session.account.id);
}

export function serializeAccounts(accounts: StoredAccounts): string {
  // Without other accounts the secret is exactly a single session, as it always was.
  return JSON.stringify(accounts.others.length === 0 ? accounts.active : { ...accounts.active, otherAccounts: accounts.others });
}

/** The accounts, or undefined when the active one is not in a form this version understands; unusable others are dropped. */
export function parseStoredAccounts(serialized: string): StoredAccounts | undefined {
  let value: unknown;
  try {
    value = JSON.parse(serialized);
  } catch {
    return undefined;
  }
  if (!isStoredSession(value)) {
    return undefined;
  }
  const { otherAccounts, ...active } = value as StoredSession & { otherAccounts?: unknown };
  const others: StoredSession[] = [];
  const seen = new Set([accountKey(active)]);
  for (const other of Array.isArray(otherAccounts) ? (otherAccounts as unknown[]) : []) {
    if (isStoredSession(other)) {
      const { otherAccounts: _nested, ...session } = other as StoredSession & { otherAccounts?: unknown };
      if (!seen.has(accountKey(session))) {
        seen.add(accountKey(session));
        others.push(session);
      }
    }
  }
  return { active, others };
}

/** The id other extensions ask VS Code for (`getSession('plex', ...)`). */
export const AUTHENTICATION_PROVIDER_ID = 'plex';

/** The account's name in VS Code's Accounts menu: whoever it acts as (the Home user switched to, else the account). */
export function accountLabel(stored: StoredSession): string {
  const { account } = activeIdentity(stored);
  return account.username || account.title;
}
