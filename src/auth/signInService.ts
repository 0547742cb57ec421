import * as vscode from 'vscode';
import type { PlexSignIn } from '../plex/types';
import { readSettings } from '../config';
import type { ErrorReporter } from '../ui/errorReporter';
import { plainText } from '../ui/plainText';
import { usableToken } from '../tokenShape';
import type { SignInTarget, Ui } from '../ui/ui';
import { approvalPageUrl, signInWithBrowser } from './flows/browserSignIn';
import type { SignInReturn } from './flows/signInReturn';
import { signInWithPassword } from './flows/passwordSignIn';
import { signInWithToken } from './flows/tokenSignIn';
import type { PlexGateway } from './gateway/plexGateway';
import type { DeviceKeyStore } from './jwt/deviceKeyStore';
import { signInWithJwt } from './jwt/jwtSignIn';
import type { Session } from './session';
import { accountKey, type SignInMethod, type StoredJwt, type StoredSession } from './storedSession';

/** plex.tv's refusals that mean the device key itself is unusable: the next sign-in makes a new one. */
const KEY_REFUSALS: ReadonlySet<string> = new Set(['thumbprint-taken', 'device-signature-refused']);

/** Runs one sign-in at a time: a second request while one runs joins the first. */
export class SignInService {
  private running: Promise<StoredSession | undefined> | undefined;
  private link: string | undefined;

  constructor(
    private readonly gateway: PlexGateway,
    private readonly session: Session,
    private readonly ui: () => Ui,
    private readonly errors: ErrorReporter,
    private readonly keys: DeviceKeyStore,
    /** Copies the approval link of the sign-in in progress (Copy Link). */
    private readonly copyLink: () => unknown,
    /** The browser sign-in's way back to VS Code from the approval page. */
    private readonly returnTo: SignInReturn,
  ) {}

  /** The browser approval link of the sign-in in progress, for "Copy Link". */
  get signInLink(): string | undefined {
    return this.link;
  }

  /**
   * Signs in. While signed in, it first asks whether to add another account or sign in again as
   * the active one; `as` answers that beforehand (`add`: Sign In to Another Account and VS Code's
   * Accounts menu; `again`: every "Sign In Again" offer). An account already signed in is
   * replaced, never listed twice.
   */
  signIn(method?: SignInMethod, options: { as?: SignInTarget } = {}): Promise<StoredSession | undefined> {
    if (this.running) {
      void this.ui().info(vscode.l10n.t('A Plex sign-in is already in progress.'));
      return this.running;
    }
    const running = this.session.whileSigningIn(() => this.run(method, options.as));
    this.running = running;
    void running.finally(() => {
      if (this.running === running) {
        this.running = undefined;
      }
    });
    return running;
  }

  private async run(method: SignInMethod | undefined, target: SignInTarget | undefined): Promise<StoredSession | undefined> {
    const ui = this.ui();
    const current = this.session.stored;
    const answer = target ?? (current && this.session.status === 'signedIn' ? await ui.offerAddAccount(current.account.username) : 'again');
    if (!answer) {
      return undefined;
    }
    const add = answer === 'add';
    const chosen = method ?? (await ui.pickSignInMethod());
    if (!chosen) {
      return undefined;
    }
    const replaced = this.session.stored;
    // Signing in again as a JWT account reuses its device; any other JWT sign-in makes a new one.
    const reusedDevice = !add && replaced?.jwt ? accountKey(replaced) : undefined;
    try {
      const result = readSettings().jwtEnabled ? await this.runJwtFlow(chosen, ui, reusedDevice) : await this.runFlow(chosen, ui);
      if (!result) {
        return undefined;
      }
      const stored: StoredSession = {
        token: usableToken(result.authToken, 'Plex'),
        account: result.account,
        signedInAt: Date.now(),
        method: chosen,
        ...(result.jwt ? { jwt: result.jwt } : {}),
      };
      await (add ? this.session.added(stored) : this.session.signedIn(stored));
      // A device belongs to a JWT account: gone with a classic sign-in of it, or with the session it replaced.
      if (!stored.jwt) {
        void this.keys.forget(accountKey(stored));
      }
      if (reusedDevice !== undefined && reusedDevice !== accountKey(stored)) {
        void this.keys.forget(reusedDevice);
      }
      void ui.info(vscode.l10n.t('Signed in to Plex as {0}.', plainText(result.account.username)));
      return stored;
    } catch (error) {
      const rejection = this.gateway.module().jwtRejectionOf(error);
      if (rejection !== undefined && KEY_REFUSALS.has(rejection) && reusedDevice !== undefined) {
        await this.keys.forget(reusedDevice);
      }
      this.errors.report(error, {
        action: `Sign-in (${chosen})`,
        where: 'Plex',
        retry: () => this.signIn(chosen, { as: answer }),
      });
      return undefined;
    }
  }

  /**
   * The JWT preview: the account's device (`reusedDevice`, its account key) or a new one, stored
   * under the account signed in once its Plex JWT passed verification.
   */
  private async runJwtFlow(method: SignInMethod, ui: Ui, reusedDevice: string | undefined): Promise<(PlexSignIn & { jwt: StoredJwt }) | undefined> {
    const stored = reusedDevice === undefined ? undefined : await this.keys.load(reusedDevice);
    const device = stored ?? this.keys.create();
    const security = this.gateway.security;
    const result = await signInWithJwt(method, {
      gateway: this.gateway,
      device,
      ui,
      // Read (and refused if unusable) only by the browser sign-in, before it makes its PIN.
      get authPageUrl() {
        return approvalPageUrl(security);
      },
      onLink: (url) => (this.link = url),
      copyLink: this.copyLink,
      returnTo: this.returnTo,
    });
    if (!result) {
      return undefined;
    }
    if (!stored || reusedDevice !== accountKey(result)) {
      await this.keys.save(accountKey(result), device); // before the session that needs it, which other windows may read at once
    }
    return { authToken: result.authToken, account: result.account, jwt: { expiresAt: result.expiresAt } };
  }

  private runFlow(method: SignInMethod, ui: Ui): Promise<(PlexSignIn & { jwt?: undefined }) | undefined> {
    const plexTv = this.gateway.signInClient();
    switch (method) {
      case 'browser':
        return signInWithBrowser({
          plexTv,
          ui,
          authPageUrl: approvalPageUrl(this.gateway.security),
          onLink: (url) => (this.link = url),
          copyLink: this.copyLink,
          returnTo: this.returnTo,
        });
      case 'password':
        return signInWithPassword(plexTv, ui);
      case 'token':
        return signInWithToken(plexTv, ui);
    }
  }
}
