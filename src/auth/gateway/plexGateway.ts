import * as vscode from 'vscode';
import type { Log } from '../../log';
import { failureKind, plexFailure } from '../../plex/failure';
import type { PlexDeviceKey } from '../../plex/jwt/deviceKey';
import type { SwitchHomeUserRequest } from '../../plex/plexTvAccountTools';
import type { IdentityProbe } from '../../plex/connectionProbe';
import type { PlexAccount, PlexServer } from '../../plex/types';
import type { ConnectionSecurity } from './connectionSecurity';
import { InsecureConnections } from './insecureConnections';
import { RememberedAnswers } from './rememberedAnswers';
import { plainText } from '../../ui/plainText';
import type { Ui } from '../../ui/ui';
import type { Session } from '../session';
import { activeIdentity, type HomeUserIdentity, type StoredSession } from '../storedSession';
import { credentialFor, normalUri, type CredentialDecision, type Destination, type Refusal } from './credentialRules';
import {
  PlexClientFactory,
  loadPlex,
  type Plex,
  type PlexJwtAuth,
  type PlexMediaServerClient,
  type PlexTvAccountTools,
  type PlexTvClient,
  type PlexTvWebhooks,
} from './plexClients';
import type { WebhookDelivery, WebhookPayload } from '../../plex/index';

/** Per host: may the account token go to the `plex.serverUrl` host plex.tv did not list? Not a secret: globalState. */
const SERVER_ADDRESS_ANSWERS_KEY = 'plex.serverAddressAnswers';

/** The session as it was when an action began: its generation says whether it is still the one. */
export interface SessionTicket {
  readonly generation: number;
  /** The sign-in (account and when): kept by renewals and Home switches, for what belongs to the account itself. */
  readonly signIn: string;
  readonly session: StoredSession;
}

/** The sign-in a session comes from: what the account's own lists (devices, Plex Home) are kept for. */
export function signInOf(session: StoredSession): string {
  return JSON.stringify([session.account.uuid, session.signedInAt]);
}

/** plex.tv requests as one identity of a ticket's session, with the token current when each is sent. */
export interface PlexTvRequests {
  plexTv<T>(call: (client: PlexTvClient, token: string) => Promise<T>): Promise<T>;
  accountTools<T>(call: (tools: PlexTvAccountTools, token: string) => Promise<T>): Promise<T>;
  webhooks<T>(call: (webhooks: PlexTvWebhooks, token: string) => Promise<T>): Promise<T>;
}

/** A server an action talks to: one plex.tv listed, or the `plex.serverUrl` address. */
export type ServerDestination = { readonly kind: 'listed'; readonly server: PlexServer } | { readonly kind: 'address'; readonly url: string };

export interface ServerAnswer<T> {
  value: T;
  uri: string;
  /** The listed server that answered, when it is one (a `plex.serverUrl` address may be one too). */
  server: PlexServer | undefined;
}

/**
 * The only code that chooses a credential and a destination. It holds the active identity (through
 * the session it reads), makes the service-layer clients (loading dist/plex.js on first use),
 * tracks every authenticated plex.tv answer so a refusal moves the session, keeps plex.tv's
 * signing keys, and hands out session tickets: "did the session change while this ran?" is
 * `isCurrent(ticket)`, a comparison of generations, never of tokens.
 *
 * Services name what they want (plex.tv as the active identity, a listed server) and never carry
 * a token: the token is read from the session when the request is sent, so a renewal meanwhile
 * is followed and a session that ended sends nothing.
 */
export class PlexGateway {
  private readonly clients: PlexClientFactory;
  private readonly hostAnswers: RememberedAnswers;
  readonly insecure: InsecureConnections;

  constructor(
    private readonly session: Session,
    globalState: vscode.Memento,
    /** Which addresses are this computer's: the approval page and plex.tv may be plain http only there. */
    readonly security: ConnectionSecurity,
    clientIdentifier: () => string,
    log: Log,
    private readonly ui: () => Ui,
    /** What plex.tv listed for the current generation's active identity (the server catalog). */
    private readonly listedServers: () => readonly PlexServer[] | undefined,
  ) {
    this.clients = new PlexClientFactory(clientIdentifier, log, security);
    this.hostAnswers = new RememberedAnswers(globalState, SERVER_ADDRESS_ANSWERS_KEY);
    this.insecure = new InsecureConnections(globalState, security, ui);
  }

  /** Bumped by every sign-in, sign-out, account change and Home switch; a JWT renewal keeps it. */
  get generation(): number {
    return this.session.generation;
  }

  /** The session now, for an action that may outlive it; undefined when signed out. */
  ticket(): SessionTicket | undefined {
    const session = this.session.stored;
    return session && { generation: this.session.generation, signIn: signInOf(session), session };
  }

  /** Still the same session (renewals included) as when `ticket` was taken. */
  isCurrent(ticket: SessionTicket): boolean {
    return this.session.stored !== undefined && this.session.generation === ticket.generation;
  }

  /**
   * Still the same sign-in as when `ticket` was taken, whoever acts: a Home switch, or a Home user's
   * token refused (the fallback that request itself caused), keeps it.
   */
  isSameSignIn(ticket: SessionTicket): boolean {
    const session = this.session.stored;
    return session !== undefined && signInOf(session) === ticket.signIn;
  }

  /** plex.tv as the active identity: the Home user while acting as one, else the account. */
  asActive(ticket: SessionTicket): PlexTvRequests {
    return this.requests(ticket, (session) => activeIdentity(session).token);
  }

  /** plex.tv as the account itself (devices, Plex Home, switching), whoever is active. */
  asAccount(ticket: SessionTicket): PlexTvRequests {
    return this.requests(ticket, (session) => session.token);
  }

  /**
   * Switches to a Home user at plex.tv as the account (a tracked request), and reads the Home user's
   * account with the token it got when the answer did not carry one. The session does not change yet: see switchIdentity.
   */
  async switchHomeUser(ticket: SessionTicket, request: SwitchHomeUserRequest, signal: AbortSignal): Promise<{ token: string; account: PlexAccount }> {
    const answer = await this.asAccount(ticket).accountTools((tools, token) => tools.switchHomeUser(token, request, { signal }));
    const account = answer.account ?? (await this.clients.plexTv().getAccount(answer.authToken, { signal }));
    return { token: answer.authToken, account };
  }

  /** The ticket's session acts as `homeUser` from now on (undefined: as the account again): a new generation. */
  async switchIdentity(ticket: SessionTicket, homeUser: HomeUserIdentity | undefined): Promise<void> {
    const session = this.liveSession(ticket);
    await this.session.updated(session.token, (current) => {
      const { homeUser: _left, ...account } = current;
      return homeUser ? { ...account, homeUser } : account;
    });
  }

  /** The active identity's token as it is now, for the user to copy (Copy Account Token); nothing for a session that ended. */
  tokenToCopy(ticket: SessionTicket): string {
    return this.currentToken(ticket, (session) => activeIdentity(session).token);
  }

  /** Revokes the session's token at plex.tv: the token current now, a renewed one included. Not tracked: it ends the session. */
  revoke(ticket: SessionTicket, signal: AbortSignal): Promise<void> {
    const token = this.currentToken(ticket, (session) => session.token);
    return this.clients.plexTv().signOut(token, { signal });
  }

  /**
   * Revokes the token of an account signed in beside the active one (the one being signed out of):
   * its own token, to plex.tv only. Not tracked: it ends that account.
   */
  revokeOtherAccount(session: StoredSession, signal: AbortSignal): Promise<void> {
    return this.clients.plexTv().signOut(session.token, { signal });
  }

  /** plex.tv without a token, for the sign-in flows; as the JWT device when `clientIdentifier` is given. */
  signInClient(clientIdentifier?: string): PlexTvClient {
    return this.clients.plexTv(clientIdentifier);
  }

  /** clients.plex.tv's JWT device authentication for the JWT device (sign-in and renewal alike). */
  jwtAuth(device: { clientIdentifier: string; key: PlexDeviceKey }): PlexJwtAuth {
    return this.clients.jwtAuth(device.clientIdentifier, device.key);
  }

  /** The service layer's plain functions (device keys, JWT checks); loads dist/plex.js. */
  module(): Plex {
    return loadPlex();
  }

  /**
   * Calls `call` on the first of the destination's connections that answers, with the token the
   * rules give that connection (credentialRules.ts). Secure connections (https, or http to this
   * computer) go first; plain http to another computer only after the user agreed for that server.
   * Only "could not reach it" moves on to the next connection: an answer, even an error, is the server's.
   */
  async onServer<T>(
    ticket: SessionTicket,
    destination: ServerDestination,
    preferredUri: string | undefined,
    call: (client: PlexMediaServerClient, token: string) => Promise<T>,
  ): Promise<ServerAnswer<T>> {
    const name = destination.kind === 'listed' ? destination.server.name : hostOf(destination.url);
    const listed = destination.kind === 'listed' ? destination.server.connections.map((connection) => connection.uri) : [destination.url];
    const ordered = preferredUri && listed.includes(preferredUri) ? [preferredUri, ...listed.filter((uri) => uri !== preferredUri)] : listed;
    let lastError: unknown = plexFailure('not-allowed', vscode.l10n.t('Plex lists no connection for {0}.', plainText(name)));
    let declined: string | undefined;
    for (const uri of this.security.preferSecure(ordered)) {
      const decision = await this.decide(ticket, destination, uri, name);
      const server = decision.server;
      const target = { name, clientIdentifier: server?.clientIdentifier };
      const permission = await this.insecure.permission(target, uri);
      if (permission === 'asked-declined' || permission === 'dismissed') {
        throw plexFailure('cancelled', 'Cancelled');
      }
      if (permission === 'declined') {
        declined = InsecureConnections.keyOf(target, uri);
        continue;
      }
      if (!this.isCurrent(ticket)) {
        throw plexFailure('cancelled', 'The session changed');
      }
      try {
        return { value: await call(this.clients.mediaServer(uri), decision.token), uri, server };
      } catch (error) {
        const kind = failureKind(error);
        if (kind !== 'network' && kind !== 'timeout') {
          throw error;
        }
        lastError = error;
      }
    }
    throw declined === undefined
      ? lastError
      : plexFailure('insecure-declined', 'No encrypted connection answered, and the user chose earlier not to send the token unencrypted.', { serverKey: declined });
  }

  /**
   * Posts a test event to a webhook address of the ticket's account. A receiver is not Plex: it
   * gets no token and no X-Plex header, whatever the address. Nothing is sent for a session that ended.
   */
  sendTestWebhook(ticket: SessionTicket, url: string, payload: WebhookPayload, signal: AbortSignal): Promise<WebhookDelivery> {
    this.liveSession(ticket);
    return this.clients.webhookSender().send(url, payload, signal);
  }

  /**
   * Who answers at one of a listed server's connections (`GET /identity`): no token is sent, so
   * no credential rule applies; an address the server does not list is refused all the same.
   */
  probeIdentity(server: PlexServer, uri: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<IdentityProbe> {
    if (!server.connections.some((connection) => connection.uri === uri)) {
      return Promise.reject(plexFailure('not-allowed', refusalMessage('not-a-listed-connection', server.name)));
    }
    try {
      const client = this.clients.mediaServer(uri);
      return loadPlex().probeIdentity(uri, client, { machineIdentifier: server.clientIdentifier, ...options });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Forgets the answers about `plex.serverUrl` hosts: the next use of one asks again. */
  forgetServerAddressAnswers(): Promise<void> {
    return this.hostAnswers.forget();
  }

  private async decide(
    ticket: SessionTicket,
    destination: ServerDestination,
    uri: string,
    name: string,
  ): Promise<{ token: string; server: PlexServer | undefined }> {
    const where: Destination =
      destination.kind === 'listed' ? { kind: 'server', serverId: destination.server.clientIdentifier, uri } : { kind: 'address', uri };
    let decision = this.credential(ticket, where);
    if ('ask' in decision) {
      const host = decision.ask;
      const answer = await this.ui().confirmServerAddress(host);
      if (answer === undefined) {
        throw plexFailure('cancelled', 'Cancelled');
      }
      if (!answer) {
        throw plexFailure('not-allowed', refusalMessage('host-declined', name));
      }
      await this.hostAnswers.set(host, true);
      decision = this.credential(ticket, where);
    }
    if ('refuse' in decision) {
      throw plexFailure('not-allowed', refusalMessage(decision.refuse, name));
    }
    if ('ask' in decision) {
      throw plexFailure('cancelled', 'Cancelled');
    }
    return { token: decision.send, server: decision.server };
  }

  private credential(ticket: SessionTicket, destination: Destination): CredentialDecision {
    const session = this.liveSession(ticket);
    return credentialFor(destination, {
      identityToken: activeIdentity(session).token,
      listed: this.listedServers(),
      hostAnswer: (host) => (this.hostAnswers.get(host) === true ? true : undefined),
    });
  }

  private requests(ticket: SessionTicket, tokenOf: (session: StoredSession) => string): PlexTvRequests {
    const send = <C, T>(client: () => C, call: (client: C, token: string) => Promise<T>): Promise<T> => {
      let token: string;
      let made: C;
      try {
        token = this.currentToken(ticket, tokenOf);
        made = client();
      } catch (error) {
        return Promise.reject(error);
      }
      // The session follows plex.tv's answer: a refusal expires it (or drops the Home user), an answer makes it valid again.
      return this.session.tracked(token, call(made, token));
    };
    return {
      plexTv: (call) => send(() => this.clients.plexTv(), call),
      accountTools: (call) => send(() => this.clients.accountTools(), call),
      webhooks: (call) => send(() => this.clients.webhooks(), call),
    };
  }

  /** The token to send now for the ticket's session; a session that ended sends nothing. */
  private currentToken(ticket: SessionTicket, tokenOf: (session: StoredSession) => string): string {
    return tokenOf(this.liveSession(ticket));
  }

  private liveSession(ticket: SessionTicket): StoredSession {
    const session = this.session.stored;
    if (!session || this.session.generation !== ticket.generation) {
      throw plexFailure('cancelled', 'The session changed');
    }
    return session;
  }
}

function refusalMessage(refusal: Refusal, name: string): string {
  const server = plainText(name);
  switch (refusal) {
    case 'shared-without-token':
      return vscode.l10n.t(
        '{0} is shared with you, but Plex listed no access token of its own for it, so your Plex token is not sent to it. Ask its owner to share it again, then refresh the server list.',
        server,
      );
    case 'host-declined':
      return vscode.l10n.t('Your Plex token was not sent to {0}: you did not allow that address (the setting "plex.serverUrl").', server);
    case 'unusable-address':
      return vscode.l10n.t('The setting "{0}" is not a valid http(s) URL without a user name or password.', 'plex.serverUrl');
    case 'not-listed':
    case 'not-a-listed-connection':
      return vscode.l10n.t('{0} is not a server Plex lists for your account, so nothing was sent to it. Refresh the server list and choose it there.', server);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(normalUri(url)).host;
  } catch {
    return url;
  }
}
