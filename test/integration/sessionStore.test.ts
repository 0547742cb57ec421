import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SessionStore, type StoredSession } from '../../src/auth/sessionStore';
import { Log } from '../../src/log';
import { describeFailure } from '../../src/ui/errorMessages';

/** A SecretStorage whose writes finish (or fail) only when the test says so. */
class HeldSecretStorage implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  readonly pendingWrites: { key: string; value: string; finish(): void; fail(error: Error): void }[] = [];
  private readonly changes = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changes.event;

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  store(key: string, value: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingWrites.push({
        key,
        value,
        finish: () => {
          this.values.set(key, value);
          this.changes.fire({ key });
          resolve();
        },
        fail: reject,
      });
    });
  }

  deleteFailure: Error | undefined;

  async delete(key: string): Promise<void> {
    if (this.deleteFailure) {
      throw this.deleteFailure;
    }
    this.values.delete(key);
    this.changes.fire({ key });
  }

  dispose(): void {
    this.changes.dispose();
  }
}

function session(username: string): StoredSession {
  return {
    token: `token-of-${username}`,
    account: { id: 1, uuid: username, username, title: username, email: `${username}@example.com`, twoFactorEnabled: false, home: false, homeAdmin: false },
    signedInAt: 1,
    method: 'token',
  };
}

suite('Session store (real SecretStorage events, writes held by the test)', () => {
  let secrets: HeldSecretStorage;
  let log: Log;
  let store: SessionStore;

  setup(() => {
    secrets = new HeldSecretStorage();
    log = new Log();
    store = new SessionStore(secrets, log);
  });

  teardown(() => {
    store.dispose();
    secrets.dispose();
    log.dispose();
  });

  test('shows a new session before its secret write finishes, then keeps it', async () => {
    const shown: (string | undefined)[] = [];
    store.onDidChange((current) => shown.push(current?.account.username));
    const saving = store.save(session('alice'));
    assert.equal(store.session?.account.username, 'alice', 'shown while the write is pending');
    assert.equal(secrets.pendingWrites.length, 1);
    secrets.pendingWrites[0]?.finish();
    await saving;
    assert.equal(JSON.parse(secrets.values.get('plex.session') ?? '{}').account.username, 'alice');
    assert.deepEqual(shown, ['alice'], 'the write landing does not announce the session a second time');
  });

  test('a failed write puts back the session shown before, and the user learns what to do', async () => {
    const first = store.save(session('alice'));
    secrets.pendingWrites[0]?.finish();
    await first;
    const saving = store.save(session('bob'));
    assert.equal(store.session?.account.username, 'bob');
    secrets.pendingWrites[1]?.fail(new Error('keychain locked'));
    await assert.rejects(saving, (error) => {
      assert.equal(
        describeFailure(error, 'Plex'),
        'VS Code could not keep your Plex sign-in in its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then try again.',
      );
      return true;
    });
    assert.equal(store.session?.account.username, 'alice');
  });

  test('a failed write does not undo a newer session saved meanwhile', async () => {
    const failing = store.save(session('alice'));
    const newer = store.save(session('bob'));
    secrets.pendingWrites[1]?.finish();
    await newer;
    secrets.pendingWrites[0]?.fail(new Error('keychain locked'));
    await assert.rejects(failing, { name: 'SecretStorageError' });
    assert.equal(store.session?.account.username, 'bob');
  });

  test('a failed delete keeps the session, and says what to do', async () => {
    const first = store.save(session('alice'));
    secrets.pendingWrites[0]?.finish();
    await first;
    secrets.deleteFailure = new Error('keychain locked');
    await assert.rejects(store.clear(), (error) => {
      assert.equal(
        describeFailure(error, 'Plex'),
        'VS Code could not remove your Plex sign-in from its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then sign out again.',
      );
      return true;
    });
    assert.equal(store.session?.account.username, 'alice', 'still shown as signed in: the secret is still there');
  });
});
