// The one secret the extension keeps, and its serialised form. Plain TypeScript: the session
// state machine and the tests share it.
import type { PlexAccount } from '../plex/types';

export type SignInMethod = 'browser' | 'password' | 'token';

export interface StoredSession {
  token: string;
  account: PlexAccount;
  /** Epoch milliseconds. */
  signedInAt: number;
  method: SignInMethod;
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
    typeof candidate.signedInAt === 'number'
  );
}
