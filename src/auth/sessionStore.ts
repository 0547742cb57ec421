import * as vscode from 'vscode';
import type { Log } from '../log';
import { plexFailure } from '../plex/failure';
import { parseStoredAccounts, serializeAccounts, type StoredAccounts } from './storedSession';

const SECRET_KEY = 'plex.session';

/**
 * Reads and writes the one secret (every account, and which is active: `StoredAccounts`), and tells the session when another window changed it
 * (`secrets.onDidChange` fires for this window's own writes too; those are recognised and dropped).
 */
export class SessionStore implements vscode.Disposable {
  /** What this window last read or wrote. */
  private known: string | undefined;
  /** Counts this window's writes and deletes: a read that overlapped one may return an older value. */
  private generation = 0;
  private readonly elsewhereEmitter = new vscode.EventEmitter<StoredAccounts | undefined>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeElsewhere = this.elsewhereEmitter.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key === SECRET_KEY) {
        void this.reloadAfterChange();
      }
    });
  }

  /** Reads the secret; on activation this is the only storage read. */
  async load(): Promise<StoredAccounts | undefined> {
    try {
      this.known = await this.secrets.get(SECRET_KEY);
    } catch (error) {
      this.log.error('Could not read the stored Plex session', error);
      return undefined;
    }
    return this.parse(this.known);
  }

  async write(accounts: StoredAccounts): Promise<void> {
    const serialized = serializeAccounts(accounts);
    if (serialized === this.known) {
      return; // a keychain round trip for nothing
    }
    const previous = this.known;
    this.known = serialized;
    this.generation++;
    try {
      await this.secrets.store(SECRET_KEY, serialized);
    } catch (error) {
      if (this.known === serialized) {
        this.known = previous;
      }
      this.log.error('Could not write the Plex session to secret storage', error);
      throw plexFailure(
        'secret-storage',
        vscode.l10n.t('VS Code could not keep your Plex sign-in in its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then try again.'),
      );
    }
  }

  async delete(): Promise<void> {
    this.generation++;
    try {
      await this.secrets.delete(SECRET_KEY);
    } catch (error) {
      this.log.error('Could not remove the Plex session from secret storage', error);
      throw plexFailure(
        'secret-storage',
        vscode.l10n.t('VS Code could not remove your Plex sign-in from its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then sign out again.'),
      );
    }
    this.known = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.elsewhereEmitter.dispose();
  }

  private async reloadAfterChange(): Promise<void> {
    const generation = this.generation;
    let serialized: string | undefined;
    try {
      serialized = await this.secrets.get(SECRET_KEY);
    } catch (error) {
      // An unreadable keychain is not a sign-out: keep what this window knows.
      this.log.error('Could not read the stored Plex session', error);
      return;
    }
    if (generation !== this.generation) {
      return; // this window wrote meanwhile; that write's own change event reads again
    }
    if (serialized !== this.known) {
      this.known = serialized;
      this.elsewhereEmitter.fire(this.parse(serialized));
    }
  }

  private parse(serialized: string | undefined): StoredAccounts | undefined {
    if (serialized === undefined) {
      return undefined;
    }
    const session = parseStoredAccounts(serialized);
    if (!session) {
      // Reported without the value, which may hold a token.
      this.log.warn('The stored Plex session is not in a form this version understands; sign in again.');
    }
    return session;
  }
}
