import * as vscode from 'vscode';
import type { Log } from '../../log';
import { failureKind } from '../../plex/failure';
import type { PlexGateway, SessionTicket } from '../gateway/plexGateway';
import { describeFailure } from '../../ui/errorMessages';
import type { Ui } from '../../ui/ui';
import type { Session } from '../session';
import { accountKey } from '../storedSession';
import type { DeviceKeyStore } from './deviceKeyStore';

export type RenewalOutcome = 'renewed' | 'not-due' | 'not-jwt' | 'not-signed-in' | 'renewing-elsewhere' | 'expired' | 'failed';

/** A window that claimed the renewal this recently is taken to be renewing; the claim of a window that died lapses. */
const CLAIM_MS = 2 * 60 * 1000;
/** When a window last started a renewal (epoch ms), shared by every window through globalState: never a token. */
export const JWT_RENEWAL_CLAIM_KEY = 'plex.jwtRenewalStarted';
/** plex.tv's refusals of the device itself: the session cannot renew any more. */
const DEVICE_REFUSALS: ReadonlySet<string> = new Set(['device-signature-refused', 'thumbprint-taken']);

/**
 * Renews the session's Plex JWT once less than a day is left: nonce, signed device JWT, exchange,
 * verification (PlexJwtAuth). Runs in the background (the hourly look, and when the command code
 * first loads), never during activation and never in front of a request: the JWT in hand stays in
 * use until it expires. Network trouble, 429 and 5xx keep it and try again at the next look; 498,
 * 401 and plex.tv's 422 (the device is refused) expire the session; a new JWT that fails the checks
 * is never stored.
 */
export class JwtRenewal implements vscode.Disposable {
  private running: Promise<RenewalOutcome> | undefined;
  private readonly controller = new AbortController();

  constructor(
    private readonly session: Session,
    private readonly globalState: vscode.Memento,
    private readonly gateway: PlexGateway,
    private readonly keys: DeviceKeyStore,
    private readonly ui: () => Ui,
    private readonly log: Log,
    /** Starts a sign-in (Sign In Again). */
    private readonly signIn: () => Promise<unknown>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Renews when due; one renewal at a time in this window, and not while another window's runs. */
  renewIfDue(): Promise<RenewalOutcome> {
    this.running ??= this.renewWhenDue().finally(() => (this.running = undefined));
    return this.running;
  }

  dispose(): void {
    this.controller.abort();
  }

  private async renewWhenDue(): Promise<RenewalOutcome> {
    const ticket = this.gateway.ticket();
    const stored = ticket?.session;
    if (!ticket || !stored?.jwt) {
      return 'not-jwt';
    }
    if (this.session.status !== 'signedIn') {
      return 'not-signed-in'; // expired: the user was told to sign in again, and a sign-in makes a new JWT
    }
    if (!this.gateway.module().plexJwtNeedsRenewal(stored.jwt.expiresAt, this.now())) {
      return 'not-due';
    }
    const claimed = this.globalState.get<unknown>(JWT_RENEWAL_CLAIM_KEY);
    if (typeof claimed === 'number' && Math.abs(this.now() - claimed) < CLAIM_MS) {
      return 'renewing-elsewhere'; // its new JWT reaches this window through the shared secret
    }
    await this.globalState.update(JWT_RENEWAL_CLAIM_KEY, this.now());
    try {
      return await this.renew(ticket);
    } finally {
      await this.globalState.update(JWT_RENEWAL_CLAIM_KEY, undefined);
    }
  }

  private async renew(ticket: SessionTicket): Promise<RenewalOutcome> {
    const { token } = ticket.session;
    const account = accountKey(ticket.session);
    const device = await this.keys.load(account);
    if (!device) {
      this.log.warn('JWT renewal: no usable device key is stored; the JWT is used until it expires.');
      return 'failed';
    }
    try {
      const renewed = await this.gateway.jwtAuth(device).renew({ signal: this.controller.signal });
      const current = this.session.stored;
      if (!current || !this.gateway.isCurrent(ticket)) {
        return 'failed'; // signed out or in again meanwhile: this JWT belongs to nothing
      }
      await this.session.renewed(token, { ...current, token: renewed.token, jwt: { expiresAt: renewed.expiresAt } });
      this.log.info('JWT renewal: plex.tv issued a new Plex JWT, which passed verification.');
      return 'renewed';
    } catch (error) {
      return this.failed(token, account, error);
    }
  }

  private async failed(token: string, account: string, error: unknown): Promise<RenewalOutcome> {
    const kind = failureKind(error);
    const rejection = this.gateway.module().jwtRejectionOf(error);
    if (kind === 'token-invalid' || (rejection !== undefined && DEVICE_REFUSALS.has(rejection))) {
      this.log.error('JWT renewal: plex.tv refused the device', error);
      if (rejection !== undefined) {
        await this.keys.forget(account); // a key plex.tv refuses is of no use: the next sign-in makes a new one
      }
      await this.session.refused(token).catch(() => undefined);
      const signIn = vscode.l10n.t('Sign In Again');
      void this.ui()
        .error(
          rejection === undefined
            ? vscode.l10n.t('Your Plex JWT could not be renewed: plex.tv says the sign-in has expired or was revoked. Sign in again to continue.')
            : describeFailure(error, 'Plex'),
          signIn,
        )
        .then((answer) => {
          if (answer === signIn) {
            void this.signIn();
          }
        });
      return 'expired';
    }
    if (kind === 'jwt-rejected') {
      // plex.tv's new JWT failed our checks: not stored; the current one stays in use until it expires.
      this.log.error('JWT renewal: the new Plex JWT was rejected', error);
      void this.ui().warn(describeFailure(error, 'Plex'));
      return 'failed';
    }
    this.log.warn(`JWT renewal: no new JWT this time (${kind ?? 'error'}); the current one stays in use and renewal tries again later.`);
    return 'failed';
  }
}
