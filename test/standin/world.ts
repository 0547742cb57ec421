// The stand-in's state: accounts, servers, tokens, PINs, faults, the request log and violations.
// Routes (plexTv.ts, pms.ts), the control API and the StandIn object all act through this.
import { type AccountRecord, accountRecord } from './accounts';
import { AccountTools } from './accountTools';
import { StandInClock } from './clock';
import { FaultBook } from './faults';
import { JwtBook } from './jwt/book';
import { PinBook, type PinRecord } from './pins';
import { RequestLog } from './requestLog';
import { newAccountToken, newTransientToken } from './tokens';
import type { StandInExchange } from './exchangeTap';
import type { StandInAccountSeed, StandInServerSeed, StandInServerInfo, StandInState } from './types';

export interface ServerRecord {
  seed: StandInServerSeed;
  owner: AccountRecord;
  /** What `/api/v2/resources` lists as the server's `accessToken`; the PMS accepts it. */
  accessToken: string;
  /** Transient tokens issued since the last (simulated) restart. */
  transientTokens: Set<string>;
  /** Set once the server's listener is up. */
  url: string;
  /** Per connection seed: the URL of the connection's own listener, when it has one. */
  connectionUrls: (string | undefined)[];
  /** Per connection seed: how long its own listener waits before answering. */
  connectionDelays: number[];
}

export class StandInWorld {
  readonly accounts: AccountRecord[];
  readonly servers: ServerRecord[];
  readonly pins = new PinBook();
  readonly faults = new FaultBook();
  readonly log: RequestLog;
  /** Plex Home, devices, claim tokens (accountTools.ts). */
  readonly tools: AccountTools;
  readonly clock = new StandInClock();
  plexTvUrl = '';
  /** clients.plex.tv's own listener, when it has one (the `clientsOnOwnHost` option); else '' and `<plexTvUrl>/clients` serves it. */
  clientsUrl = '';
  authUrl = '';

  private readonly accountTokens = new Map<string, AccountRecord>();
  /** The client identifier each account token was issued for, when known (sign-in, PIN). */
  private readonly tokenClients = new Map<string, string>();
  private readonly issued: string[] = [];
  private violationList: string[] = [];
  private autoApproval: { afterPolls: number; username: string } = { afterPolls: 0, username: '' };
  /** clients.plex.tv's JWT state; its Plex JWTs count as issued tokens. */
  readonly jwt: JwtBook;
  /** Told of every exchange as it completes (the spec conformance monitor, in every process). */
  onExchange: ((exchange: StandInExchange) => void) | undefined;

  constructor(seeds: StandInAccountSeed[], options: { serversAcceptJwt?: boolean } = {}) {
    this.jwt = new JwtBook(
      this.clock,
      (secret) => this.remember(secret),
      (clientIdentifier) => this.revokeAccountTokensOf(clientIdentifier),
      options.serversAcceptJwt === true,
    );
    const names = new Set<string>();
    for (const seed of seeds) {
      if (names.has(seed.username.toLowerCase())) throw new Error(`duplicate stand-in account: ${seed.username}`);
      names.add(seed.username.toLowerCase());
    }
    this.accounts = seeds.map((seed, index) => accountRecord(seed, index));
    this.servers = this.accounts.flatMap((owner) =>
      (owner.seed.servers ?? []).map((seed) => ({
        seed,
        owner,
        accessToken: this.remember(newAccountToken()),
        transientTokens: new Set<string>(),
        url: '',
        connectionUrls: seed.connections.map(() => undefined),
        connectionDelays: seed.connections.map((connection) => connection.delayMs ?? 0),
      })),
    );
    const ids = new Set(this.servers.map((server) => server.seed.clientIdentifier));
    if (ids.size !== this.servers.length) throw new Error('stand-in servers need distinct client identifiers');
    this.log = new RequestLog(() => this.issued);
    this.tools = new AccountTools(this);
  }

  state(): StandInState {
    return {
      plexTvUrl: this.plexTvUrl,
      authUrl: this.authUrl,
      servers: this.servers.map((server): StandInServerInfo => ({
        name: server.seed.name,
        clientIdentifier: server.seed.clientIdentifier,
        url: server.url,
        owner: server.owner.seed.username,
      })),
      accounts: this.accounts.map(({ seed }) => ({
        username: seed.username,
        email: seed.email,
        password: seed.password,
        ...(seed.verificationCode === undefined ? {} : { verificationCode: seed.verificationCode }),
      })),
    };
  }

  /** By username or email, case-insensitively, as plex.tv's `login` field accepts either. */
  findAccount(login: string): AccountRecord | undefined {
    const wanted = login.trim().toLowerCase();
    return this.accounts.find(
      ({ seed }) => seed.username.toLowerCase() === wanted || seed.email.toLowerCase() === wanted,
    );
  }

  requireAccount(username: string): AccountRecord {
    const account = this.findAccount(username);
    if (account === undefined) throw new Error(`no stand-in account "${username}"`);
    return account;
  }

  requireServer(clientIdentifier: string): ServerRecord {
    const server = this.findServer(clientIdentifier);
    if (server === undefined) throw new Error(`no stand-in server "${clientIdentifier}"`);
    return server;
  }

  findServer(clientIdentifier: string): ServerRecord | undefined {
    return this.servers.find((server) => server.seed.clientIdentifier === clientIdentifier);
  }

  issueToken(username: string, clientIdentifier?: string): string {
    return this.issueAccountToken(this.requireAccount(username), clientIdentifier);
  }

  /** An account token for any account record, sign-in accounts and Home users alike. */
  issueAccountToken(account: AccountRecord, clientIdentifier?: string): string {
    const token = this.remember(newAccountToken());
    this.accountTokens.set(token, account);
    if (clientIdentifier !== undefined) this.tokenClients.set(token, clientIdentifier);
    return token;
  }

  /** Revokes every plex.tv token of the account (a Home user removed from the Home). */
  revokeAccountTokens(account: AccountRecord): void {
    for (const [token, holder] of this.accountTokens) if (holder === account) this.accountTokens.delete(token);
  }

  /** Adds a token minted elsewhere (claim tokens, Home users' server access) to the issued list. */
  recordIssuedToken(token: string): string {
    return this.remember(token);
  }

  /** Revokes the account tokens issued for one client identifier. */
  revokeAccountTokensOf(clientIdentifier: string): void {
    for (const [token, client] of this.tokenClients) if (client === clientIdentifier) this.accountTokens.delete(token);
  }

  accountForToken(token: string | undefined): AccountRecord | undefined {
    return token === undefined ? undefined : (this.accountTokens.get(token) ?? this.jwt.accountFor(token));
  }

  /** Revokes an account, server access or transient token; unknown tokens are ignored. */
  revokeToken(token: string): void {
    this.accountTokens.delete(token);
    this.jwt.revoke(token);
    for (const server of this.servers) {
      server.transientTokens.delete(token);
      // A revoked server access token is replaced, as plex.tv would hand out a new one.
      if (server.accessToken === token) server.accessToken = this.remember(newAccountToken());
    }
  }

  /** Whether a PMS accepts the token: its owner's account tokens, its access token, its transient tokens. */
  serverAccepts(server: ServerRecord, token: string | undefined): boolean {
    if (token === undefined) return false;
    return (
      this.accountTokens.get(token) === server.owner ||
      server.accessToken === token ||
      server.transientTokens.has(token) ||
      this.tools.home.grantsServerAccess(server, token, this.accountTokens.get(token)) ||
      (this.jwt.accountFor(token) === server.owner && !this.jwt.serverRefusesJwt(server.seed.clientIdentifier))
    );
  }

  issueTransientToken(server: ServerRecord): string {
    const token = this.remember(newTransientToken());
    server.transientTokens.add(token);
    return token;
  }

  /** How long connection `index` of the server waits before each answer (it needs a listener of its own: a seed with `delayMs` or `answersAs`). */
  setConnectionDelay(clientIdentifier: string, index: number, delayMs: number): void {
    const server = this.requireServer(clientIdentifier);
    if (server.connectionUrls[index] === undefined) throw new Error(`connection ${index} of ${clientIdentifier} has no listener of its own`);
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error('delayMs must be a non-negative number');
    server.connectionDelays[index] = delayMs;
  }

  restartServer(clientIdentifier: string): void {
    this.requireServer(clientIdentifier).transientTokens.clear();
  }

  approvePin(pin: PinRecord, username: string): void {
    if (pin.authToken !== null || pin.approvedBy !== undefined) return;
    pin.approvedBy = username;
    // A JWK-carrying PIN gets a Plex JWT when next polled with a device JWT (jwt/site.ts).
    if (pin.jwk === undefined) pin.authToken = this.issueToken(username, pin.clientIdentifier);
  }

  setPinAutoApproval(afterPolls: number, username: string): void {
    if (!Number.isInteger(afterPolls) || afterPolls < 0) throw new Error('afterPolls must be a non-negative integer');
    if (afterPolls > 0) this.requireAccount(username);
    this.autoApproval = { afterPolls, username };
  }

  /** Counts a poll and approves the PIN when auto-approval says so. */
  recordPinPoll(pin: PinRecord): void {
    pin.polls += 1;
    const { afterPolls, username } = this.autoApproval;
    if (afterPolls > 0 && pin.polls >= afterPolls) this.approvePin(pin, username);
  }

  /**
   * Back to the state the stand-in started in, so suites do not depend on each other: no faults,
   * no PIN auto-approval, no PINs or link codes, the seeded devices and Home, no claim tokens, the
   * JWT switches at their defaults. Tokens stay valid (a token another suite left signed in is
   * still a real token), the JWT clock only moves forward, and the request log and violations
   * are records, not state: tests clear the log themselves, and violations are checked per suite.
   */
  reset(): void {
    this.faults.clear();
    for (const server of this.servers) server.connectionDelays = server.seed.connections.map((connection) => connection.delayMs ?? 0);
    this.autoApproval = { afterPolls: 0, username: '' };
    this.pins.clear();
    this.tools.reset();
    this.jwt.reset();
  }

  addViolation(message: string): void {
    this.violationList.push(this.log.redact(message));
  }

  violations(): string[] {
    return [...this.violationList];
  }

  /** The list itself, replaced (never emptied in place) by clearViolations: for ViolationWatch. */
  violationRecord(): readonly string[] {
    return this.violationList;
  }

  clearViolations(): void {
    this.violationList = [];
  }

  issuedTokens(): string[] {
    return [...this.issued];
  }

  private remember(token: string): string {
    this.issued.push(token);
    return token;
  }
}
