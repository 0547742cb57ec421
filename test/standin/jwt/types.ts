// The contract of the stand-in's clients.plex.tv part (JWT device authentication): what tests may
// rely on, in-process (`standIn.jwt`) and over the control API (`StandInControl.jwt`).

/** A flaw the next issued Plex JWT(s) carry, for testing the client's checks. */
export type StandInJwtFlaw =
  | 'unknown-key' // signed by a key /auth/keys does not publish
  | 'wrong-thumbprint' // thumbprint is not the device's kid
  | 'wrong-audience' // aud names another client
  | 'wrong-issuer' // iss is not plex.tv
  | 'expires-soon'; // valid, but expires 60 s after issue

export const STANDIN_JWT_FLAWS: readonly StandInJwtFlaw[] = ['unknown-key', 'wrong-thumbprint', 'wrong-audience', 'wrong-issuer', 'expires-soon'];

export interface StandInJwtState {
  /** `<plexTvUrl>/clients`: the base URL to use in place of https://clients.plex.tv. */
  clientsUrl: string;
  /** The kids /auth/keys publishes, the current signing key last. */
  signingKeyIds: string[];
  registeredKeys: { kid: string; clientIdentifier: string; username: string; revoked: boolean }[];
  flaws: { flaw: StandInJwtFlaw; times: number }[];
  serversRefuseJwt: boolean;
  /** Servers set apart from `serversRefuseJwt` by `setServersRefuseJwt(refuse, server)`. */
  refusingServers: string[];
  acceptingServers: string[];
  revokesClassicTokens: boolean;
  clockOffsetMs: number;
}

export interface StandInJwt {
  /** The next `times` (default 1) Plex JWTs issued, by exchange or PIN, carry `flaw`. */
  addFlaw(flaw: StandInJwtFlaw, times?: number): void;
  /**
   * Whether Plex Media Servers refuse Plex JWTs (their normal 401/403): all of them (which drops
   * per-server choices), or the one given. Default: they refuse them, as Plex servers are reported
   * to (the `serversAcceptJwt` start option changes the default); a test that needs a server to
   * take one says so here.
   */
  setServersRefuseJwt(refuse: boolean, server?: string): void;
  /**
   * Reported, unconfirmed plex.tv behaviour: issuing a Plex JWT for a client identifier revokes the
   * classic tokens issued for that identifier (by sign-in or PIN). Default off.
   */
  setRevokesClassicTokens(on: boolean): void;
  /** Moves the stand-in's clock forward: nonce life, device JWT and Plex JWT expiry, and iat/exp of issued JWTs. */
  advanceClock(ms: number): void;
  /** Publishes a new signing key and signs with it from now on; earlier keys stay published. */
  rotateSigningKey(): void;
  /** As if the user removed the device on plex.tv: its key is refused (422) and its Plex JWTs stop working. */
  revokeDevice(clientIdentifier: string): void;
  /** Clears flaws, puts the servers' JWT choice back to the default (the clock and registrations stay). */
  reset(): void;
  /** Every device JWT the stand-in received, valid or not: for leak audits. */
  deviceJwts(): string[];
  /** Every Plex JWT the stand-in issued (also in `issuedTokens()`): for leak audits. */
  plexJwts(): string[];
  state(): StandInJwtState;
}
