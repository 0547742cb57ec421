import * as vscode from 'vscode';
import { failureKind } from '../plex/failure';
import type { Log } from '../log';
import {
  SIGNED_OUT,
  contextKeysOf,
  currentSession,
  restingState,
  transition,
  type RestingState,
  type SessionEvent,
  type SessionState,
} from './sessionState';
import { startsNewGeneration } from './sessionGeneration';
import type { SessionStore } from './sessionStore';
import type { AccountRequests, AuthStatus, SessionView } from './sessionView';
import { accountKey, activeIdentity, type StoredAccounts, type StoredSession } from './storedSession';
import type { PlexAccount } from '../plex/types';

/**
 * The one place the session changes: every event goes through `transition`, then the context
 * keys and listeners follow. The stored secret is written here too, so what is shown and what
 * is stored cannot drift apart.
 */
export class Session implements SessionView, AccountRequests, vscode.Disposable {
  private current: SessionState = SIGNED_OUT;
  /** The accounts signed in beside the active one, in the order they were added (no request acts as them). */
  private others: readonly StoredSession[] = [];
  /** Keys of other accounts whose token plex.tv refused: switching to one shows it expired. */
  private expiredOthers = new Set<string>();
  private generationCount = 0;
  private deactivated = false;
  /** What the context keys were last set to; a key never set counts as false in when clauses. */
  private readonly contextKeys = new Map<string, boolean>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly useEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChange = this.changeEmitter.event;
  /** plex.tv accepted the account's token (a sign-in, or a request): it counts as in use. */
  readonly onDidUseToken = this.useEmitter.event;

  constructor(
    private readonly store: SessionStore,
    private readonly log: Log,
    /** Sets a context key for the `when` clauses. */
    private readonly setContext: (key: string, value: boolean) => void,
  ) {
    this.subscription = store.onDidChangeElsewhere((accounts) => this.followStored(accounts));
  }

  get state(): SessionState {
    return this.current;
  }

  get status(): AuthStatus {
    return restingState(this.current).status;
  }

  get stored(): StoredSession | undefined {
    return currentSession(this.current);
  }

  get activeToken(): string | undefined {
    const stored = this.stored;
    return stored && activeIdentity(stored).token;
  }

  /** Bumped by every sign-in, sign-out, account change and Home switch; a JWT renewal keeps it (sessionGeneration.ts). */
  get generation(): number {
    return this.generationCount;
  }

  get signingIn(): boolean {
    return this.current.status === 'signingIn';
  }

  /** The accounts signed in beside the active one, each with whether plex.tv refused its token. */
  get otherAccounts(): readonly { readonly session: StoredSession; readonly expired: boolean }[] {
    return this.others.map((session) => ({ session, expired: this.expiredOthers.has(accountKey(session)) }));
  }

  /** Reads the stored secret once, on activation. */
  async load(): Promise<void> {
    this.followStored(await this.store.load());
  }

  /** What the secret holds (read on activation, or written by another window), shown here. */
  private followStored(accounts: StoredAccounts | undefined): void {
    if (this.deactivated) {
      return;
    }
    const othersChanged = this.setOthers(accounts?.others ?? []);
    const generation = this.generationCount;
    const before = this.current;
    this.dispatch({ type: 'storedElsewhere', session: accounts?.active });
    if (othersChanged && before === this.current && generation === this.generationCount && !this.deactivated) {
      this.changeEmitter.fire();
    }
  }

  /** Replaces the other accounts; says whether the list changed (by key and sign-in). */
  private setOthers(others: readonly StoredSession[]): boolean {
    const identity = (list: readonly StoredSession[]) => JSON.stringify(list.map((session) => [accountKey(session), session.signedInAt, session.token]));
    const changed = identity(others) !== identity(this.others);
    const before = new Map(this.others.map((session) => [accountKey(session), session.token]));
    this.others = others;
    // An account stays expired only while it keeps the token plex.tv refused (another window may have signed it in again).
    for (const key of [...this.expiredOthers]) {
      const now = others.find((session) => accountKey(session) === key);
      const was = before.get(key); // undefined: it was the active account, just moved among the others
      if (!now || (was !== undefined && now.token !== was)) {
        this.expiredOthers.delete(key);
      }
    }
    return changed;
  }

  private dispatch(event: SessionEvent): void {
    if (this.deactivated) {
      return; // nothing outlives the extension, not even a late answer
    }
    this.deactivated = event.type === 'deactivated';
    const next = transition(this.current, event);
    if (next === this.current) {
      return;
    }
    if (startsNewGeneration(this.current, next, event)) {
      this.generationCount++;
    }
    this.current = next;
    this.publishContextKeys();
    this.changeEmitter.fire();
  }

  /** Shows the spinner for the duration of `task`; it ends where the task left the session. */
  async whileSigningIn<T>(task: () => Promise<T>): Promise<T> {
    this.dispatch({ type: 'signInStarted' });
    try {
      return await task();
    } finally {
      if (this.current.status === 'signingIn') {
        this.dispatch({ type: 'signInEnded' });
      }
    }
  }

  /** A sign-in finished: shown at once, written after; a failed write shows what was there before and throws. */
  signedIn(session: StoredSession): Promise<void> {
    if (this.deactivated) {
      return Promise.resolve();
    }
    this.useEmitter.fire();
    const previous = this.stored;
    const othersBefore = this.othersNow();
    const key = accountKey(session);
    if (this.others.some((other) => accountKey(other) === key)) {
      this.setOthers(this.others.filter((other) => accountKey(other) !== key)); // the same account: replaced, never twice
    }
    return this.keepingOthersOnFailure(previous, othersBefore, () => this.dispatchAndKeep({ type: 'signInSucceeded', session }));
  }

  /**
   * A sign-in that adds an account: the account active before stays signed in among the others
   * (a sign-in of that same account replaces its session). Shown at once, written after.
   */
  added(session: StoredSession): Promise<void> {
    if (this.deactivated) {
      return Promise.resolve();
    }
    const previous = this.stored;
    const othersBefore = this.othersNow();
    if (previous && accountKey(previous) !== accountKey(session)) {
      const key = accountKey(previous);
      if (this.status === 'expired') {
        this.expiredOthers.add(key);
      }
      this.setOthers([...this.others.filter((other) => accountKey(other) !== key), previous]);
    }
    return this.keepingOthersOnFailure(previous, othersBefore, () => this.signedIn(session));
  }

  /** The other accounts and which are expired, to put back when a write fails. */
  private othersNow(): { readonly others: readonly StoredSession[]; readonly expired: ReadonlySet<string> } {
    return { others: this.others, expired: new Set(this.expiredOthers) };
  }

  /** Runs `change`; when its write fails and `previous` is shown again, the other accounts are put back as they were. */
  private async keepingOthersOnFailure(
    previous: StoredSession | undefined,
    before: { readonly others: readonly StoredSession[]; readonly expired: ReadonlySet<string> },
    change: () => Promise<void>,
  ): Promise<void> {
    const others = this.others;
    try {
      await change();
    } catch (error) {
      if (this.stored === previous && this.others === others) {
        this.others = before.others;
        this.expiredOthers = new Set(before.expired);
        this.changeEmitter.fire();
      }
      throw error;
    }
  }

  /**
   * Makes the other account `key` the active one: no request, one secret write. False when no
   * other account has that key. The account active before stays among the others.
   */
  async switchTo(key: string): Promise<boolean> {
    const target = this.others.find((other) => accountKey(other) === key);
    if (!target || this.deactivated) {
      return false;
    }
    const previous = this.stored;
    const othersBefore = this.othersNow();
    const expired = this.expiredOthers.has(key); // dropped by setOthers below: the target is no other account any more
    const remaining = this.others.filter((other) => other !== target);
    if (previous) {
      if (this.status === 'expired') {
        this.expiredOthers.add(accountKey(previous));
      }
      this.setOthers([...remaining, previous]);
    } else {
      this.setOthers(remaining);
    }
    await this.keepingOthersOnFailure(previous, othersBefore, () => this.dispatchAndKeep({ type: 'accountSwitched', session: target, expired }));
    return true;
  }

  /** plex.tv answered a request made with `token` (the account's or the Home user's) with what the session should now hold. */
  updated(token: string, change: (session: StoredSession) => StoredSession): Promise<void> {
    const session = this.stored;
    if (session?.token !== token && session?.homeUser?.token !== token) {
      this.dispatch({ type: 'requestAccepted', token });
      return Promise.resolve();
    }
    const next = change(session);
    return this.dispatchAndKeep({ type: 'requestAccepted', token, session: JSON.stringify(next) === JSON.stringify(session) ? session : next });
  }

  /** plex.tv answered the account read made with `token`: the identity it belongs to is valid, with this summary. */
  accountRead(token: string, account: PlexAccount): Promise<void> {
    return this.updated(token, (session) =>
      session.homeUser?.token === token ? { ...session, homeUser: { ...session.homeUser, account } } : { ...session, account },
    );
  }

  /** A renewal replaced the Plex JWT `token` with the one in `session`: shown at once, written after. */
  renewed(token: string, session: StoredSession): Promise<void> {
    return this.dispatchAndKeep({ type: 'tokenRenewed', token, session });
  }

  /** plex.tv refused `token` outside a tracked request (a renewal's 498, 401 or 422). */
  refused(token: string): Promise<void> {
    if (this.otherRefused(token)) {
      return Promise.resolve();
    }
    return this.dispatchAndKeep({ type: 'requestRefused', token });
  }

  /** A refused token of another (not active) account expires that account only; false when it is no other account's. */
  private otherRefused(token: string): boolean {
    const other = this.others.find((session) => session.token === token);
    if (!other || this.deactivated || this.stored?.token === token) {
      return false;
    }
    const key = accountKey(other);
    if (!this.expiredOthers.has(key)) {
      this.expiredOthers.add(key);
      this.changeEmitter.fire();
    }
    return true;
  }

  /**
   * Forgets the active account; the first other account, if any, becomes the active one. Without
   * other accounts the secret is removed. A failed write or removal keeps the session and throws.
   */
  async signedOut(): Promise<void> {
    const [next, ...rest] = this.others;
    if (next) {
      try {
        await this.store.write({ active: next, others: rest });
      } catch (error) {
        this.dispatch({ type: 'signOutFailed' });
        throw error;
      }
      const expired = this.expiredOthers.delete(accountKey(next));
      this.setOthers(rest);
      this.dispatch({ type: 'accountSwitched', session: next, expired });
      return;
    }
    try {
      await this.store.delete();
    } catch (error) {
      this.dispatch({ type: 'signOutFailed' });
      throw error;
    }
    this.dispatch({ type: 'signOutSucceeded' });
  }

  /** Forgets the other (not active) account `key`; the active account is untouched. A failed write keeps it and throws. */
  async signedOutOther(key: string): Promise<void> {
    const active = this.stored;
    const remaining = this.others.filter((other) => accountKey(other) !== key);
    if (remaining.length === this.others.length || !active || this.deactivated) {
      return;
    }
    await this.store.write({ active, others: remaining });
    this.setOthers(remaining);
    this.changeEmitter.fire();
  }

  async tracked<T>(token: string, request: Promise<T>): Promise<T> {
    try {
      const answer = await request;
      if (token === this.stored?.token) {
        this.useEmitter.fire();
      }
      this.dispatch({ type: 'requestAccepted', token });
      return answer;
    } catch (error) {
      const kind = failureKind(error);
      if (kind === 'token-invalid' && this.otherRefused(token)) {
        throw error;
      }
      if (kind === 'token-invalid') {
        // A Home user's refused token falls back to the account, which is then what is stored.
        void this.dispatchAndKeep({ type: 'requestRefused', token }).catch(() => undefined);
      } else if (kind !== 'cancelled') {
        this.dispatch({ type: 'networkTrouble', token });
      }
      throw error;
    }
  }

  dispose(): void {
    this.dispatch({ type: 'deactivated' });
    this.subscription.dispose();
    this.changeEmitter.dispose();
    this.useEmitter.dispose();
  }

  /** Applies `event`; a session it changed is written, and a failed write shows what was there before and throws. */
  private async dispatchAndKeep(event: SessionEvent): Promise<void> {
    if (this.deactivated) {
      return;
    }
    const restore = restingState(this.current);
    const before = this.stored;
    this.dispatch(event);
    const after = this.stored;
    if (after && after !== before) {
      await this.persist(after, restore);
    }
  }

  private async persist(session: StoredSession, restore: RestingState): Promise<void> {
    const others = this.others;
    try {
      await this.store.write({ active: session, others });
    } catch (error) {
      this.dispatch({ type: 'saveFailed', session, restore });
      this.log.error('Could not write the Plex session to secret storage', error);
      throw error;
    }
  }

  // Each setContext is a round trip to the workbench: only changes are sent (on a signed-out
  // start, none), which keeps them off activation and a sign-in's path.
  private publishContextKeys(): void {
    for (const [key, value] of Object.entries(contextKeysOf(this.current))) {
      if ((this.contextKeys.get(key) ?? false) !== value) {
        this.contextKeys.set(key, value);
        this.setContext(key, value);
      }
    }
  }
}
