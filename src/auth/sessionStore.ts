import * as vscode from 'vscode';
import type { PlexAccount } from '../plex/types';
import type { Log } from '../log';

/** The single secret this extension keeps: the account token and the account it belongs to. */
export interface StoredSession {
  token: string;
  account: PlexAccount;
  /** Epoch milliseconds. */
  signedInAt: number;
  method: SignInMethod;
}

export type SignInMethod = 'browser' | 'password' | 'token';

const SECRET_KEY = 'plex.session';

/** The secret store refused a write; its message says what the user can do and is shown as it is. */
export class SecretStorageError extends Error {
  override readonly name = 'SecretStorageError';
}

/**
 * Reads and writes the one secret, and follows changes made by other windows through
 * `secrets.onDidChange`, so every window shows the same account.
 */
export class SessionStore implements vscode.Disposable {
  private current: StoredSession | undefined;
  private serialized: string | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<StoredSession | undefined>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === SECRET_KEY) {
        void this.reload();
      }
    });
  }

  get session(): StoredSession | undefined {
    return this.current;
  }

  /** Reads the secret once; on activation this is the only storage read. */
  async load(): Promise<StoredSession | undefined> {
    await this.reload();
    return this.current;
  }

  async save(session: StoredSession): Promise<void> {
    const serialized = JSON.stringify(session);
    if (serialized === this.serialized) {
      // A refresh that found the account unchanged: a secret write is a keychain (or, in the
      // browser, an encryption) round trip of 10 to 30 ms for nothing (npm run bench).
      return;
    }
    // Shown at once, written after: the write is a keychain (in the browser, an encryption and a
    // storage) round trip of 10 to 40 ms that would otherwise delay every view (npm run bench).
    // A failed write puts back what was shown before, unless something newer replaced it meanwhile.
    const previous = this.serialized;
    this.apply(serialized);
    try {
      await this.secrets.store(SECRET_KEY, serialized);
    } catch (error) {
      if (this.serialized === serialized) {
        this.apply(previous);
      }
      this.log.error('Could not write the Plex session to secret storage', error);
      throw new SecretStorageError(
        vscode.l10n.t('VS Code could not keep your Plex sign-in in its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then try again.'),
      );
    }
  }

  async clear(): Promise<void> {
    try {
      await this.secrets.delete(SECRET_KEY);
    } catch (error) {
      this.log.error('Could not remove the Plex session from secret storage', error);
      throw new SecretStorageError(
        vscode.l10n.t('VS Code could not remove your Plex sign-in from its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then sign out again.'),
      );
    }
    this.apply(undefined);
  }

  /** The raw stored value: only for the integration tests' check of what SecretStorage holds. */
  async readRaw(): Promise<string | undefined> {
    return this.secrets.get(SECRET_KEY);
  }

  /**
   * Writes the secret without updating this store, as another window does: this store then
   * learns of it only through `secrets.onDidChange`. Only for the integration tests.
   */
  async writeRawAsAnotherWindow(serialized: string | undefined): Promise<void> {
    await (serialized === undefined ? this.secrets.delete(SECRET_KEY) : this.secrets.store(SECRET_KEY, serialized));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private async reload(): Promise<void> {
    try {
      this.apply(await this.secrets.get(SECRET_KEY));
    } catch (error) {
      // An unreadable keychain is not a sign-out: keep what this window knows.
      this.log.error('Could not read the stored Plex session', error);
    }
  }

  private apply(serialized: string | undefined): void {
    if (serialized === this.serialized) {
      return;
    }
    this.serialized = serialized;
    this.current = serialized === undefined ? undefined : parseSession(serialized, this.log);
    this.changeEmitter.fire(this.current);
  }
}

function parseSession(serialized: string, log: Log): StoredSession | undefined {
  try {
    const value: unknown = JSON.parse(serialized);
    if (isStoredSession(value)) {
      return value;
    }
  } catch {
    // Fall through: reported below without the value, which may hold a token.
  }
  log.warn('The stored Plex session is not in a form this version understands; sign in again.');
  return undefined;
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
