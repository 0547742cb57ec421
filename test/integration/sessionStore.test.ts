import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PlexAuthenticationProvider } from '../../src/auth/authenticationProvider';
import { Session } from '../../src/auth/session';
import { SessionStore } from '../../src/auth/sessionStore';
import type { StoredSession } from '../../src/auth/storedSession';
import { Log } from '../../src/log';
import { describeFailure } from '../../src/ui/errorMessages';

/** A SecretStorage whose writes finish (or fail) only when the test says so. */
class HeldSecretStorage implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  readonly pendingWrites: { key: string; value: string; finish(): void; fail(error: Error): void }[] = [];
  private readonly changes = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changes.event;

  /** Every key read, in order. */
  readonly reads: string[] = [];

  async get(key: string): Promise<string | undefined> {
    this.reads.push(key);
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

  fireChange(key: string): void {
    this.changes.fire({ key });
  }

  dispose(): void {
    this.changes.dispose();
  }
}

function stored(username: string): StoredSession {
  return {
    token: `token-of-${username}`,
    account: { id: 1, uuid: username, username, title: username, email: `${username}@example.com`, twoFactorEnabled: false, home: false, homeAdmin: false },
    signedInAt: 1,
    method: 'token',
  };
}

/**
 * One log for the suite, never disposed: its channel is named "Plex" like the extension's own and
 * writes the same log file, and disposing it closes that file for the extension too, so every
 * later test that reads the extension's log would find nothing new in it.
 */
const log = new Log();

suite('Session and its store (real SecretStorage events, writes held by the test)', () => {
  let secrets: HeldSecretStorage;
  let store: SessionStore;
  let session: Session;
  let contextKeys: Map<string, boolean>;

  setup(() => {
    secrets = new HeldSecretStorage();
    store = new SessionStore(secrets, log);
    contextKeys = new Map();
    session = new Session(store, log, (key, value) => contextKeys.set(key, value));
  });

  teardown(() => {
    session.dispose();
    store.dispose();
    secrets.dispose();
  });

  async function signedInAs(username: string): Promise<void> {
    const saving = session.signedIn(stored(username));
    secrets.pendingWrites.at(-1)?.finish();
    await saving;
  }

  test('shows a new session before its secret write finishes, then keeps it', async () => {
    const shown: (string | undefined)[] = [];
    session.onDidChange(() => shown.push(session.stored?.account.username));
    const saving = session.signedIn(stored('alice'));
    assert.equal(session.stored?.account.username, 'alice', 'shown while the write is pending');
    assert.equal(contextKeys.get('plex.signedIn'), true);
    assert.equal(secrets.pendingWrites.length, 1);
    secrets.pendingWrites[0]?.finish();
    await saving;
    assert.equal(JSON.parse(secrets.values.get('plex.session') ?? '{}').account.username, 'alice');
    assert.deepEqual(shown, ['alice'], 'the write landing (and its onDidChange) does not announce the session a second time');
  });

  test('a failed write puts back the session shown before, and the user learns what to do', async () => {
    await signedInAs('alice');
    const saving = session.signedIn(stored('bob'));
    assert.equal(session.stored?.account.username, 'bob');
    secrets.pendingWrites[1]?.fail(new Error('keychain locked'));
    await assert.rejects(saving, (error) => {
      assert.equal(
        describeFailure(error, 'Plex'),
        'VS Code could not keep your Plex sign-in in its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then try again.',
      );
      return true;
    });
    assert.equal(session.stored?.account.username, 'alice');
    assert.equal(session.status, 'signedIn');
  });

  test('a failed write does not undo a newer session saved meanwhile', async () => {
    const failing = session.signedIn(stored('alice'));
    const newer = session.signedIn(stored('bob'));
    secrets.pendingWrites[1]?.finish();
    await newer;
    secrets.pendingWrites[0]?.fail(new Error('keychain locked'));
    await assert.rejects(failing, (error) => describeFailure(error, 'Plex').startsWith('VS Code could not keep'));
    assert.equal(session.stored?.account.username, 'bob');
  });

  test('a failed delete keeps the session, and says what to do', async () => {
    await signedInAs('alice');
    secrets.deleteFailure = new Error('keychain locked');
    await assert.rejects(session.signedOut(), (error) => {
      assert.equal(
        describeFailure(error, 'Plex'),
        'VS Code could not remove your Plex sign-in from its secret storage (on desktop, your system keychain). Check that the keychain is unlocked, then sign out again.',
      );
      return true;
    });
    assert.equal(session.stored?.account.username, 'alice', 'still shown as signed in: the secret is still there');
  });

  test('the authentication provider announces each Home user switch as a change of the one session', async () => {
    await signedInAs('alice');
    const provider = new PlexAuthenticationProvider(session, async () => undefined, async () => undefined);
    const events: vscode.AuthenticationProviderAuthenticationSessionsChangeEvent[] = [];
    provider.onDidChangeSessions((event) => events.push(event));
    try {
      const switching = session.updated(stored('alice').token, (current) => ({
        ...current,
        homeUser: { uuid: 'kids', token: 'token-of-kids', account: { ...stored('kids').account, username: '', title: 'Kids' } },
      }));
      secrets.pendingWrites.at(-1)?.finish();
      await switching;
      const [switched] = await provider.getSessions();
      assert.deepEqual([switched?.account.label, switched?.accessToken], ['Kids', 'token-of-kids']);
      assert.deepEqual(events.map((event) => [event.added?.length, event.removed?.length, event.changed?.map((changed) => changed.account.label)]), [[0, 0, ['Kids']]]);
    } finally {
      provider.dispose();
    }
  });

  test('activation reads a secret of the single-session shape as one active account and writes nothing', async () => {
    const before = JSON.stringify(stored('alice'));
    secrets.values.set('plex.session', before);
    await session.load();
    assert.equal(session.stored?.account.username, 'alice');
    assert.equal(session.status, 'signedIn');
    assert.deepEqual(session.otherAccounts, []);
    assert.equal(secrets.pendingWrites.length, 0, 'nothing written');
    assert.equal(secrets.values.get('plex.session'), before);
  });

  test('activation reads every account of the stored layout, the active one shown', async () => {
    secrets.values.set('plex.session', JSON.stringify({ ...stored('bob'), otherAccounts: [stored('alice')] }));
    await session.load();
    assert.equal(session.stored?.account.username, 'bob');
    assert.deepEqual(session.otherAccounts.map((other) => other.session.account.username), ['alice']);
  });

  test('activation with three accounts stored reads the one secret once, writes nothing, and shows all three', async () => {
    const before = JSON.stringify({ ...stored('carol'), otherAccounts: [stored('alice'), stored('bob')] });
    secrets.values.set('plex.session', before);
    await session.load();
    assert.deepEqual(secrets.reads, ['plex.session'], 'one secret read');
    assert.equal(session.stored?.account.username, 'carol');
    assert.equal(session.status, 'signedIn');
    assert.deepEqual(session.otherAccounts.map((other) => [other.session.account.username, other.expired]), [['alice', false], ['bob', false]]);
    assert.equal(secrets.pendingWrites.length, 0, 'nothing written');
    assert.equal(secrets.values.get('plex.session'), before);
  });

  test('adding an account keeps the first among the others; a failed write puts back both', async () => {
    await signedInAs('alice');
    const adding = session.added(stored('bob'));
    assert.equal(session.stored?.account.username, 'bob');
    assert.deepEqual(session.otherAccounts.map((other) => other.session.account.username), ['alice']);
    secrets.pendingWrites.at(-1)?.finish();
    await adding;
    assert.deepEqual(JSON.parse(secrets.values.get('plex.session') ?? '{}').otherAccounts.map((other: StoredSession) => other.account.username), ['alice']);

    const failing = session.added(stored('carol'));
    secrets.pendingWrites.at(-1)?.fail(new Error('keychain locked'));
    await assert.rejects(failing);
    assert.equal(session.stored?.account.username, 'bob');
    assert.deepEqual(session.otherAccounts.map((other) => other.session.account.username), ['alice'], 'bob is not also listed among the others');
  });

  test("a refusal of another account's token expires that account only", async () => {
    await signedInAs('alice');
    const adding = session.added(stored('bob'));
    secrets.pendingWrites.at(-1)?.finish();
    await adding;
    await session.refused(stored('alice').token);
    assert.equal(session.status, 'signedIn', 'bob, the active account, is untouched');
    assert.deepEqual(session.otherAccounts.map((other) => [other.session.account.username, other.expired]), [['alice', true]]);
    const switching = session.switchTo('alice');
    secrets.pendingWrites.at(-1)?.finish();
    assert.equal(await switching, true);
    assert.equal(session.status, 'expired');
    assert.deepEqual(session.otherAccounts.map((other) => [other.session.account.username, other.expired]), [['bob', false]]);
  });

  test('the provider reports an added account as added and a removed one as removed, each on its own', async () => {
    await signedInAs('alice');
    const provider = new PlexAuthenticationProvider(session, async () => undefined, async () => undefined);
    const events: vscode.AuthenticationProviderAuthenticationSessionsChangeEvent[] = [];
    provider.onDidChangeSessions((event) => events.push(event));
    try {
      const adding = session.added(stored('bob'));
      secrets.pendingWrites.at(-1)?.finish();
      await adding;
      const switching = session.switchTo('alice');
      secrets.pendingWrites.at(-1)?.finish();
      await switching;
      const removing = session.signedOutOther('bob');
      secrets.pendingWrites.at(-1)?.finish();
      await removing;
      const labels = (list: readonly vscode.AuthenticationSession[] | undefined) => (list ?? []).map((entry) => entry.account.label);
      assert.deepEqual(
        events.map((event) => [labels(event.added), labels(event.removed), labels(event.changed)]),
        [
          [['bob'], [], []],
          [[], ['bob'], []],
        ],
        'a switch changes no session',
      );
    } finally {
      provider.dispose();
    }
  });

  test("another window's write is followed; this window's own write is not mistaken for one", async () => {
    await signedInAs('alice');
    const { token, account } = stored('alice');
    // This window writes (an account read), and plex.tv refuses the token before the write lands.
    const writing = session.accountRead(token, { ...account, title: 'Alice Renamed' });
    void session.refused(token);
    assert.equal(session.status, 'expired');
    secrets.pendingWrites.at(-1)?.finish();
    await writing;
    // Its own write's change event came and went: still expired, not revived by it as another window's would.
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(session.status, 'expired');
    secrets.values.set('plex.session', JSON.stringify(stored('carol')));
    secrets.fireChange('plex.session');
    await waitForCondition(() => session.stored?.account.username === 'carol');
    assert.equal(session.status, 'signedIn');
  });
});

async function waitForCondition(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
