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
import { activeIdentity, type StoredSession } from './storedSession';
import type { PlexAccount } from '../plex/types';

/**
 * The one place the session changes: every event goes through `transition`, then the context
 * keys and listeners follow. The stored secret is written here too, so what is shown and what
 * is stored cannot drift apart.
 */
export class Session implements SessionView, AccountRequests, vscode.Disposable {
  private current: SessionState = SIGNED_OUT;
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
    this.subscription = store.onDidChangeElsewhere((session) => this.dispatch({ type: 'storedElsewhere', session }));
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

  /** Reads the stored secret once, on activation. */
  async load(): Promise<void> {
    const stored = await this.store.load();
    this.dispatch({ type: 'storedElsewhere', session: stored });
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
    this.useEmitter.fire();
    return this.dispatchAndKeep({ type: 'signInSucceeded', session });
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
    return this.dispatchAndKeep({ type: 'requestRefused', token });
  }

  /** Removes the secret; a failed removal keeps the session (the secret is still there) and throws. */
  async signedOut(): Promise<void> {
    try {
      await this.store.delete();
    } catch (error) {
      this.dispatch({ type: 'signOutFailed' });
      throw error;
    }
    this.dispatch({ type: 'signOutSucceeded' });
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
    try {
      await this.store.write(session);
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
