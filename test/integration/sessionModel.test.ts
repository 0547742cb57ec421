// Model-based test of the session state machine: fast-check runs random sequences of the events
// that move a session (each sign-in method ending with a new or the same token, requests answered
// 200 or 401, network trouble, a Plex JWT renewed, sign-out succeeding or failing, another window writing or deleting
// the secret, a failed secret write, deactivation) against the real Session, SessionStore and
// authentication provider over a SecretStorage, and after every step compares what they show
// with a small model. A failure prints the shortest sequence that breaks it.
//
// Renewals (here and in another window) interleave with a sign-out whose confirmation is open
// (the real SignOutService), a live claim countdown (the real ClaimCountdown), a Home switch and
// another window's writes; the gateway's session tickets say whether an action's session is still
// the one it began with: a renewal keeps it, every sign-in, sign-out and switch ends it.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as vscode from 'vscode';
import { ClaimCountdown } from '../../src/account/claimCountdown';
import { PlexAuthenticationProvider } from '../../src/auth/authenticationProvider';
import { PlexGateway, type SessionTicket } from '../../src/auth/gateway/plexGateway';
import { DeviceKeyStore } from '../../src/auth/jwt/deviceKeyStore';
import { SignOutService } from '../../src/auth/signOutService';
import { Session } from '../../src/auth/session';
import { SessionStore } from '../../src/auth/sessionStore';
import type { StoredSession } from '../../src/auth/storedSession';
import { COMMANDS } from '../../src/commandTable';
import { Log } from '../../src/log';
import { plexFailure } from '../../src/plex/failure';
import { ConnectionSecurity } from '../../src/auth/gateway/connectionSecurity';
import { EXTENSION_ID } from './helpers';
import { ScriptedUi } from './scriptedUi';
import { evaluateWhen } from './whenClause';

const SECRET_KEY = 'plex.session';
const USERS = ['alice', 'bob', 'carol'] as const;
type User = (typeof USERS)[number];
const HOME_USERS = ['dana', 'kids'] as const;
type HomeUser = (typeof HOME_USERS)[number];

interface Identity {
  user: User;
  token: string;
  /** The Plex Home user acted as, if any. */
  homeUser?: { user: HomeUser; token: string };
}

/** An account signed in beside the active one, as the model sees it. */
interface OtherAccount extends Identity {
  /** plex.tv refused its token (kept in memory, not in the secret). */
  expired: boolean;
}

/** The other accounts as the secret holds them. */
function storedOthersOf(others: readonly Identity[]): Identity[] {
  return others.map(({ user, token, homeUser }) => ({ user, token, ...(homeUser ? { homeUser } : {}) }));
}

/** A SecretStorage shared by "this window" and "another window", with writes and deletes that can fail. */
class SharedSecretStorage implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  failNextWrite = false;
  failNextDelete = false;
  private readonly changes = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changes.event;

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    if (this.failNextWrite) {
      this.failNextWrite = false;
      throw new Error('keychain locked');
    }
    this.values.set(key, value);
    this.changes.fire({ key });
  }

  async delete(key: string): Promise<void> {
    if (this.failNextDelete) {
      this.failNextDelete = false;
      throw new Error('keychain locked');
    }
    this.values.delete(key);
    this.changes.fire({ key });
  }

  /** Another window's write: same storage, and the change event every window gets. */
  writeAsAnotherWindow(value: string | undefined): void {
    if (value === undefined) {
      this.values.delete(SECRET_KEY);
    } else {
      this.values.set(SECRET_KEY, value);
    }
    this.changes.fire({ key: SECRET_KEY });
  }

  dispose(): void {
    this.changes.dispose();
  }
}

/** globalState for the gateway's remembered answers: nothing here asks. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

/** Holds the sign-out confirmation open until the test answers it. */
class HeldConfirmationUi extends ScriptedUi {
  answer: ((yes: boolean) => void) | undefined;

  override confirmSignOut(): Promise<boolean> {
    this.questions.push('confirmSignOut');
    return new Promise((resolve) => (this.answer = resolve));
  }
}

/** What the user should see, in as few words as possible. */
interface Model {
  status: 'signedOut' | 'signedIn' | 'expired';
  signingIn: boolean;
  /** The session shown (signed in or expired). */
  shown: Identity | undefined;
  /** What the secret holds. */
  stored: Identity | undefined;
  /** The accounts signed in beside the active one, in their order. */
  others: OtherAccount[];
  /** The other accounts the secret holds. */
  storedOthers: Identity[];
  deactivated: boolean;
  tokensIssued: number;
  /** Bumped by each sign-in here or in another window (each writes a sign-in of its own). */
  signIns: number;
  /** A sign-out whose confirmation is open, and the sign-in it was asked for. */
  signOutAsked: { signIn: number } | undefined;
  /** A claim countdown is live. */
  claimLive: boolean;
  /** The ticket taken last is still the session's (no sign-in, sign-out or switch since; renewals allowed). */
  ticketCurrent: boolean | undefined;
}

/** A new session generation: a live claim ends, a ticket taken before is no longer current. */
function newGeneration(model: Model): void {
  model.claimLive = false;
  if (model.ticketCurrent !== undefined) {
    model.ticketCurrent = false;
  }
}

/**
 * One log for every run, never disposed: its channel is named "Plex" like the extension's own and
 * writes the same log file, and disposing it closes that file for the extension too, so every
 * later test that reads the extension's log would find nothing new in it.
 */
const log = new Log();

class Real {
  readonly secrets = new SharedSecretStorage();
  readonly log = log;
  readonly store = new SessionStore(this.secrets, this.log);
  readonly contextKeys = new Map<string, boolean>();
  readonly session = new Session(this.store, this.log, (key, value) => this.contextKeys.set(key, value));
  readonly provider = new PlexAuthenticationProvider(this.session, async () => undefined, async () => undefined);
  readonly ui = new HeldConfirmationUi();
  readonly gateway = new PlexGateway(this.session, new MemoryMemento(), new ConnectionSecurity(), () => 'session-model', this.log, () => this.ui, () => undefined);
  readonly signOutService = new SignOutService(this.gateway, this.session, () => this.ui, this.log, new DeviceKeyStore(this.secrets, this.gateway, this.log, this.session));
  readonly claim = new ClaimCountdown(this.session, vscode.env.clipboard);
  signOut: Promise<boolean> | undefined;
  ticket: SessionTicket | undefined;
  /** The running sign-in, held open by the test until a Finish/Cancel command. */
  signIn: { finish: (outcome: () => Promise<void>) => void; done: Promise<unknown> } | undefined;

  dispose(): void {
    this.claim.dispose();
    this.provider.dispose();
    this.session.dispose();
    this.store.dispose();
    this.secrets.dispose();
  }
}

let signIns = 0;

function storedSession(user: User, token: string): StoredSession {
  return {
    token,
    account: { id: USERS.indexOf(user) + 1, uuid: `uuid-${user}`, username: user, title: user, email: `${user}@example.com`, twoFactorEnabled: false, home: false, homeAdmin: false },
    signedInAt: ++signIns, // every sign-in writes a value of its own
    method: 'token',
  };
}

/** Lets the store's async reload after a change event run to its end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

type SessionCommand = fc.AsyncCommand<Model, Real>;

const visibleWhen: Record<string, (model: Model) => boolean> = {
  // The model's own rules for the palette, written independently of the command table.
  'plex.signIn': () => true,
  'plex.signInWithBrowser': () => true,
  'plex.signInWithPassword': () => true,
  'plex.signInWithToken': () => true,
  'plex.showLog': () => true,
  'plex.getStarted': () => true,
  'plex.forgetServerPermissions': () => true,
  'plex.signOut': (model) => model.status !== 'signedOut',
  'plex.addAccount': (model) => model.status !== 'signedOut',
  'plex.switchAccount': (model) => model.status !== 'signedOut',
  'plex.manageTrustedExtensions': (model) => model.status !== 'signedOut',
  'plex.refresh': (model) => model.status === 'signedIn',
  'plex.copyTransientToken': (model) => model.status === 'signedIn',
  'plex.showSourceConnectionInformation': (model) => model.status === 'signedIn',
  'plex.testConnections': (model) => model.status === 'signedIn',
  'plex.selectServer': (model) => model.status === 'signedIn',
  'plex.copyClaimToken': (model) => model.status === 'signedIn',
  'plex.linkDevice': (model) => model.status === 'signedIn',
  'plex.copyAccountToken': (model) => model.status === 'signedIn',
  'plex.addWebhook': (model) => model.status === 'signedIn',
};

function paletteClauses(): Map<string, string | undefined> {
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as
    | { contributes: { menus: { commandPalette: { command: string; when?: string }[] } } }
    | undefined;
  assert.ok(manifest, 'the extension under test has a package.json');
  const clauses = new Map<string, string | undefined>();
  for (const entry of manifest.contributes.menus.commandPalette) {
    clauses.set(entry.command, entry.when);
  }
  return clauses;
}

async function compare(model: Model, real: Real, palette: Map<string, string | undefined>): Promise<void> {
  const { session } = real;
  assert.equal(session.status, model.status, 'status');
  assert.equal(session.signingIn, model.signingIn, 'signing in');
  assert.equal(session.stored?.account.username, model.shown?.user, 'account shown');
  assert.equal(session.stored?.token, model.shown?.token, 'token of the session shown');
  assert.equal(session.stored?.homeUser?.token, model.shown?.homeUser?.token, 'Home user acted as');

  const raw = real.secrets.values.get(SECRET_KEY);
  const stored = raw === undefined ? undefined : (JSON.parse(raw) as StoredSession & { otherAccounts?: StoredSession[] });
  assert.deepEqual(
    session.otherAccounts.map((other) => [other.session.account.username, other.session.token, other.expired]),
    model.others.map((other) => [other.user, other.token, other.expired]),
    'other accounts',
  );
  assert.deepEqual(
    (stored?.otherAccounts ?? []).map((other) => [other.account.username, other.token]),
    model.storedOthers.map((other) => [other.user, other.token]),
    'stored other accounts',
  );
  assert.equal(stored?.token, model.stored?.token, 'stored token');
  assert.equal(stored?.account.username, model.stored?.user, 'stored account');
  assert.equal(stored?.homeUser?.token, model.stored?.homeUser?.token, 'stored Home user');

  const keys = (key: string) => real.contextKeys.get(key) ?? false;
  assert.equal(keys('plex.signedIn'), model.status === 'signedIn', 'plex.signedIn');
  assert.equal(keys('plex.sessionExpired'), model.status === 'expired', 'plex.sessionExpired');
  assert.equal(keys('plex.signingIn'), model.signingIn, 'plex.signingIn');

  for (const { id } of COMMANDS) {
    const when = palette.has(id) ? palette.get(id) : undefined;
    const shown = when === undefined ? true : evaluateWhen(when, keys);
    const expected = visibleWhen[id]?.(model) ?? false;
    assert.equal(shown, expected, `palette shows ${id}`);
  }

  assert.equal(real.claim.current() !== undefined, model.claimLive, 'claim countdown live');
  if (real.ticket) {
    assert.equal(real.gateway.isCurrent(real.ticket), model.ticketCurrent, 'the ticket taken last is current');
  }

  const sessions = await real.provider.getSessions();
  assert.deepEqual(
    sessions.map((entry) => [entry.account.label, entry.accessToken]),
    (model.shown ? [model.shown, ...model.others] : []).map((identity) =>
      identity.homeUser ? [identity.homeUser.user, identity.homeUser.token] : [identity.user, identity.token],
    ),
    'authentication provider sessions',
  );
}

function command(name: string, canRun: (model: Model) => boolean, run: (model: Model, real: Real) => Promise<void>): SessionCommand {
  return {
    check: (model) => canRun(model),
    run: async (model, real) => {
      await run(model, real);
      await settle();
    },
    toString: () => name,
  };
}

function endRunningSignIn(real: Real, outcome: () => Promise<void>): Promise<unknown> {
  const running = real.signIn;
  assert.ok(running);
  real.signIn = undefined;
  running.finish(outcome);
  return running.done;
}

const idle = (model: Model) => !model.deactivated && !model.signingIn;
const live = (model: Model) => !model.deactivated;

const commands: fc.Arbitrary<SessionCommand>[] = [
  fc.constant(
    command('signInStarted', idle, async (model, real) => {
      let finish: (outcome: () => Promise<void>) => void = () => undefined;
      const outcome = new Promise<() => Promise<void>>((resolve) => (finish = resolve));
      const done = real.session.whileSigningIn(async () => (await outcome)()).catch(() => undefined);
      real.signIn = { finish, done };
      model.signingIn = true;
    }),
  ),
  fc.tuple(fc.constantFrom(...USERS), fc.boolean(), fc.boolean()).map(([user, sameToken, writeFails]) =>
    command(
      `signInSucceeded(${user}, ${sameToken ? 'same token' : 'new token'}${writeFails ? ', secret write fails' : ''})`,
      (model) => live(model) && model.signingIn,
      async (model, real) => {
        const token = sameToken && model.shown ? model.shown.token : `token-${++model.tokensIssued}`;
        const signedIn = storedSession(sameToken && model.shown ? model.shown.user : user, token);
        real.secrets.failNextWrite = writeFails;
        await endRunningSignIn(real, () => real.session.signedIn(signedIn));
        model.signingIn = false;
        const next = { user: signedIn.account.username as User, token };
        newGeneration(model); // shown, then (when the write fails) what was there before: a new generation either way
        if (!writeFails) {
          model.signIns++;
          model.status = 'signedIn';
          model.shown = next;
          model.stored = next;
          dropOther(model, next.user);
        }
      },
    ),
  ),
  fc.tuple(fc.constantFrom(...USERS), fc.boolean()).map(([user, sameToken]) =>
    command(`signIn(${user}, ${sameToken ? 'same token' : 'new token'}), start to end`, idle, async (model, real) => {
      const token = sameToken && model.shown ? model.shown.token : `token-${++model.tokensIssued}`;
      const signedIn = storedSession(sameToken && model.shown ? model.shown.user : user, token);
      await real.session.whileSigningIn(() => real.session.signedIn(signedIn));
      const next = { user: signedIn.account.username as User, token };
      newGeneration(model);
      model.signIns++;
      model.status = 'signedIn';
      model.shown = next;
      model.stored = next;
      dropOther(model, next.user);
    }),
  ),
  fc.constant(
    command('signInEnded (cancelled or failed)', (model) => live(model) && model.signingIn, async (model, real) => {
      await endRunningSignIn(real, async () => {
        throw new Error('cancelled');
      });
      model.signingIn = false;
    }),
  ),
  fc.boolean().map((current) =>
    command(`requestAccepted(${current ? 'current' : 'stale'} token)`, live, async (model, real) => {
      await real.session.tracked(current ? (model.shown?.token ?? 'none') : 'stale-token', Promise.resolve());
      if (current && model.shown) {
        model.status = 'signedIn';
      }
    }),
  ),
  fc.boolean().map((current) =>
    command(`requestRefused(${current ? 'current' : 'stale'} token)`, live, async (model, real) => {
      await real.session.refused(current ? (model.shown?.token ?? 'none') : 'stale-token');
      if (current && model.status === 'signedIn') {
        model.status = 'expired';
      }
    }),
  ),
  fc.constant(
    command('networkTrouble', live, async (model, real) => {
      await assert.rejects(real.session.tracked(model.shown?.token ?? 'none', Promise.reject(plexFailure('network', 'unreachable'))));
    }),
  ),
  fc.boolean().map((current) =>
    command(`tokenRenewed(${current ? 'current' : 'stale'} token)`, (model) => live(model) && model.shown !== undefined, async (model, real) => {
      const session = real.session.stored;
      assert.ok(session && model.shown);
      const token = `jwt-${++model.tokensIssued}`;
      await real.session.renewed(current ? session.token : 'stale-token', { ...session, token, jwt: { expiresAt: model.tokensIssued } });
      if (current) {
        model.status = 'signedIn';
        model.shown = { ...model.shown, token };
        model.stored = model.shown;
      }
    }),
  ),
  fc.constant(
    command('refresh reads a renamed account', (model) => live(model) && model.shown !== undefined, async (model, real) => {
      const current = real.session.stored;
      assert.ok(current && model.shown);
      await real.session.accountRead(current.token, { ...current.account, title: `${current.account.title}!` });
      model.status = 'signedIn';
      model.stored = model.shown;
    }),
  ),
  fc.boolean().map((deleteFails) =>
    command(`signOut${deleteFails ? ' (secret delete or write fails)' : ''}`, (model) => live(model) && model.shown !== undefined && (model.others.length === 0 || !model.signOutAsked), async (model, real) => {
      if (model.others.length > 0) {
        // The next account becomes active: a write, not a delete.
        real.secrets.failNextWrite = deleteFails;
        const switching = real.session.signedOut();
        if (deleteFails) {
          await assert.rejects(switching);
          return;
        }
        await switching;
        nextAccountActive(model);
        return;
      }
      real.secrets.failNextDelete = deleteFails;
      const outcome = real.session.signedOut();
      if (deleteFails) {
        await assert.rejects(outcome);
        return;
      }
      await outcome;
      newGeneration(model);
      model.status = 'signedOut';
      model.shown = undefined;
      model.stored = undefined;
    }),
  ),
  fc.tuple(fc.constantFrom(...USERS), fc.boolean()).map(([user, sameToken]) =>
    command(`anotherWindowWrites(${user}, ${sameToken ? 'same token' : 'new token'})`, live, async (model, real) => {
      const token = sameToken && model.shown ? model.shown.token : `token-${++model.tokensIssued}`;
      const written = { user: sameToken && model.shown ? model.shown.user : user, token };
      real.secrets.writeAsAnotherWindow(JSON.stringify(storedSession(written.user, token)));
      newGeneration(model);
      model.signIns++;
      model.status = 'signedIn';
      model.shown = written;
      model.stored = written;
      model.others = []; // a secret of one account: the others were signed out there
      model.storedOthers = [];
    }),
  ),
  fc.constant(
    command('anotherWindowDeletes', live, async (model, real) => {
      real.secrets.writeAsAnotherWindow(undefined);
      if (model.shown) {
        newGeneration(model);
      }
      if (model.stored) {
        model.status = 'signedOut';
        model.shown = undefined;
      }
      model.stored = undefined;
      model.others = [];
      model.storedOthers = [];
    }),
  ),
  fc.constantFrom(...HOME_USERS).map((homeUser) =>
    command(`switchHomeUser(${homeUser})`, (model) => live(model) && model.shown !== undefined, async (model, real) => {
      const current = real.session.stored;
      assert.ok(current && model.shown);
      const token = `home-token-${++model.tokensIssued}`;
      await real.session.updated(current.token, (session) => ({
        ...session,
        homeUser: { uuid: `uuid-${homeUser}`, token, account: { ...storedSession('alice', token).account, username: homeUser, title: homeUser } },
      }));
      if (model.shown.homeUser?.user !== homeUser) {
        newGeneration(model); // acting as someone else; a new token for the same Home user is the same identity
      }
      model.status = 'signedIn';
      model.shown = { ...model.shown, homeUser: { user: homeUser, token } };
      model.stored = model.shown;
    }),
  ),
  fc.constant(
    command("Home user's token refused", (model) => live(model) && model.shown?.homeUser !== undefined, async (model, real) => {
      const token = model.shown?.homeUser?.token ?? '';
      await assert.rejects(real.session.tracked(token, Promise.reject(plexFailure('token-invalid', 'refused'))));
      await settle();
      assert.ok(model.shown);
      newGeneration(model);
      model.shown = { user: model.shown.user, token: model.shown.token };
      model.stored = model.shown;
    }),
  ),
  fc.constant(
    command('anotherWindowRenews (the same session, a new Plex JWT)', (model) => live(model) && model.shown !== undefined, async (model, real) => {
      const session = real.session.stored;
      assert.ok(session && model.shown);
      const token = `jwt-${++model.tokensIssued}`;
      const { otherAccounts } = JSON.parse(real.secrets.values.get(SECRET_KEY) ?? '{}') as { otherAccounts?: unknown };
      real.secrets.writeAsAnotherWindow(JSON.stringify({ ...session, token, jwt: { expiresAt: model.tokensIssued }, otherAccounts }));
      model.status = 'signedIn';
      model.shown = { ...model.shown, token };
      model.stored = model.shown;
    }),
  ),
  fc.constant(
    command('signOut asked (the confirmation stays open)', (model) => idle(model) && model.shown !== undefined && !model.signOutAsked, async (model, real) => {
      real.signOut = real.signOutService.signOut({ confirm: true, alreadyRevoked: true });
      await settle();
      assert.ok(real.ui.answer, 'the sign-out asks');
      model.signOutAsked = { signIn: model.signIns };
    }),
  ),
  fc.constant(
    command('signOut confirmed', (model) => live(model) && model.signOutAsked !== undefined, async (model, real) => {
      const answer = real.ui.answer;
      const running = real.signOut;
      assert.ok(answer && running && model.signOutAsked);
      real.ui.answer = undefined;
      real.signOut = undefined;
      answer(true);
      const signedOut = await running;
      // The sign-in that was confirmed is signed out, renewed or switched meanwhile; one since is not.
      const same = model.shown !== undefined && model.signIns === model.signOutAsked.signIn;
      model.signOutAsked = undefined;
      if (same) {
        assert.equal(signedOut, true, 'signed out');
        if (model.others.length > 0) {
          nextAccountActive(model);
          return;
        }
        newGeneration(model);
        model.status = 'signedOut';
        model.shown = undefined;
        model.stored = undefined;
      }
    }),
  ),
  fc.constant(
    command('claim token copied (countdown starts)', (model) => live(model) && model.shown !== undefined, async (model, real) => {
      await real.claim.start(`claim-${++model.tokensIssued}`, real.session.generation, Date.now() + 10 * 60_000);
      model.claimLive = true;
    }),
  ),
  fc.constant(
    command('an action takes a session ticket', (model) => live(model) && model.shown !== undefined, async (model, real) => {
      real.ticket = real.gateway.ticket();
      model.ticketCurrent = true;
    }),
  ),
];

/** The end of the extension: nothing moves the session after it. */
const endOfLife: fc.Arbitrary<SessionCommand>[] = [
  fc.constant(
    command('deactivated', (model) => live(model) && model.signOutAsked === undefined, async (model, real) => {
      real.session.dispose(); // what deactivation does to it
      model.deactivated = true;
      model.signingIn = false;
    }),
  ),
  fc.constant(
    command('after deactivation: requests, sign-ins and other windows change nothing shown', (model) => model.deactivated, async (model, real) => {
      await real.session.refused(model.shown?.token ?? 'none');
      await real.session.whileSigningIn(() => real.session.signedIn(storedSession('carol', `token-${++model.tokensIssued}`)));
      real.secrets.writeAsAnotherWindow(undefined);
      model.stored = undefined;
      model.storedOthers = [];
    }),
  ),
];

/** Several accounts: add, switch, refusal and sign-out of one, another window's switch. */
const accountCommands: fc.Arbitrary<SessionCommand>[] = [
  fc.tuple(fc.constantFrom(...USERS), fc.boolean()).map(([user, writeFails]) =>
    command(`addAccount(${user}${writeFails ? ', secret write fails' : ''}), start to end`, idle, async (model, real) => {
      const token = `token-${++model.tokensIssued}`;
      real.secrets.failNextWrite = writeFails;
      const adding = real.session.whileSigningIn(() => real.session.added(storedSession(user, token)));
      newGeneration(model);
      if (writeFails) {
        await assert.rejects(adding);
        return;
      }
      await adding;
      const previous = model.shown;
      if (previous && previous.user !== user) {
        model.others = [...model.others.filter((other) => other.user !== previous.user), { ...previous, expired: model.status === 'expired' }];
      }
      model.signIns++;
      model.status = 'signedIn';
      model.shown = { user, token };
      model.stored = model.shown;
      dropOther(model, user);
    }),
  ),
  fc.tuple(fc.nat(2), fc.boolean()).map(([index, writeFails]) =>
    command(
      `switchAccount(other account ${index}${writeFails ? ', secret write fails' : ''})`,
      (model) => live(model) && !model.signOutAsked && model.others.length > 0,
      async (model, real) => {
        const target = model.others[index % model.others.length];
        assert.ok(target && model.shown);
        real.secrets.failNextWrite = writeFails;
        const switching = real.session.switchTo(`uuid-${target.user}`);
        newGeneration(model);
        if (writeFails) {
          await assert.rejects(switching);
          return;
        }
        assert.equal(await switching, true);
        model.others = [...model.others.filter((other) => other !== target), { ...model.shown, expired: model.status === 'expired' }];
        activate(model, target);
      },
    ),
  ),
  fc.nat(2).map((index) =>
    command(`another account's token refused (other account ${index})`, (model) => live(model) && model.others.length > 0, async (model, real) => {
      const other = model.others[index % model.others.length];
      assert.ok(other);
      await assert.rejects(real.session.tracked(other.token, Promise.reject(plexFailure('token-invalid', 'refused'))));
      other.expired = true;
    }),
  ),
  fc.nat(2).map((index) =>
    command(`signOutOther(other account ${index})`, (model) => live(model) && model.others.length > 0, async (model, real) => {
      const other = model.others[index % model.others.length];
      assert.ok(other);
      await real.session.signedOutOther(`uuid-${other.user}`);
      dropOther(model, other.user);
    }),
  ),
  fc.constant(
    command("another window's switch to its first other account", (model) => live(model) && !model.signOutAsked && model.storedOthers.length > 0, async (model, real) => {
      const { otherAccounts, ...active } = JSON.parse(real.secrets.values.get(SECRET_KEY) ?? '{}') as StoredSession & { otherAccounts: StoredSession[] };
      const [first, ...rest] = otherAccounts;
      real.secrets.writeAsAnotherWindow(JSON.stringify({ ...first, otherAccounts: [...rest, active] }));
      const [target, ...others] = model.storedOthers;
      assert.ok(target && model.stored);
      const previous = model.stored;
      newGeneration(model);
      model.signIns++;
      model.status = 'signedIn';
      model.shown = target;
      model.stored = target;
      // Still expired here only while the other window kept the very token refused here.
      model.others = [...others, previous].map((identity) => ({
        ...identity,
        expired: model.others.some((other) => other.user === identity.user && other.token === identity.token && other.expired),
      }));
      model.storedOthers = storedOthersOf(model.others);
    }),
  ),
];

/** The account `user` is no longer among the others (signed in again as the active one, or signed out). */
function dropOther(model: Model, user: User): void {
  model.others = model.others.filter((other) => other.user !== user);
  model.storedOthers = storedOthersOf(model.others);
}

/** `target` (one of the others, already taken out of them) is now the active account. */
function activate(model: Model, target: OtherAccount): void {
  model.signIns++;
  model.status = target.expired ? 'expired' : 'signedIn';
  model.shown = storedOthersOf([target])[0];
  model.stored = model.shown;
  model.storedOthers = storedOthersOf(model.others);
}

/** The active account was signed out: the first other account becomes active. */
function nextAccountActive(model: Model): void {
  const [next, ...rest] = model.others;
  assert.ok(next);
  newGeneration(model);
  model.others = rest;
  activate(model, next);
}

async function runModel(commandList: fc.Arbitrary<SessionCommand>[]): Promise<{ runs: number; steps: number }> {
  const palette = paletteClauses();
  let runs = 0;
  let steps = 0;
  await fc.assert(
    fc.asyncProperty(fc.commands(commandList, { maxCommands: 40, size: 'max' }), async (sequence) => {
      runs++;
      const real = new Real();
      const model: Model = {
        status: 'signedOut',
        signingIn: false,
        shown: undefined,
        stored: undefined,
        others: [],
        storedOthers: [],
        deactivated: false,
        tokensIssued: 0,
        signIns: 0,
        signOutAsked: undefined,
        claimLive: false,
        ticketCurrent: undefined,
      };
      try {
        await fc.asyncModelRun(
          () => ({ model, real }),
          [...sequence].map((step) => ({
            check: (m: Readonly<Model>) => step.check(m),
            run: async (m: Model, r: Real) => {
              steps++;
              await step.run(m, r);
              await compare(m, r, palette);
            },
            toString: () => step.toString(),
          })),
        );
      } finally {
        if (real.signIn) {
          await endRunningSignIn(real, async () => undefined);
        }
        if (real.ui.answer) {
          real.ui.answer(false);
          await real.signOut;
        }
        real.dispose();
      }
    }),
    { numRuns: 1000 },
  );
  return { runs, steps };
}

suite('Session state machine (model-based, fast-check)', () => {

  test('random event sequences keep status, secret, context keys, palette and provider in step with the model', async function () {
    this.timeout(120_000);
    const { runs, steps } = await runModel([...commands, ...endOfLife, ...accountCommands]);
    assert.ok(runs >= 1000 && steps > runs * 5, `${runs} sequences, ${steps} steps`);
  });

  test('with several accounts (add, switch, refusal of one, sign-out of one, another window), no deactivation: the same agreement', async function () {
    this.timeout(120_000);
    // Accounts' commands weigh three times as much, so most sequences hold two or three accounts.
    const { runs, steps } = await runModel([...commands, ...accountCommands, ...accountCommands, ...accountCommands]);
    assert.ok(runs >= 1000 && steps > runs * 5, `${runs} sequences, ${steps} steps`);
  });
});
