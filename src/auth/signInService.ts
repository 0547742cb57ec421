import * as vscode from 'vscode';
import type { PlexSignIn } from '../plex/types';
import type { PlexClients } from '../plexApi';
import { readSettings } from '../config';
import type { ErrorReporter } from '../ui/errorReporter';
import { plainText } from '../ui/plainText';
import { usableToken } from '../tokenShape';
import type { Ui } from '../ui/ui';
import { signInWithBrowser } from './flows/browserSignIn';
import { signInWithPassword } from './flows/passwordSignIn';
import { signInWithToken } from './flows/tokenSignIn';
import type { Session } from './session';
import type { SignInMethod, StoredSession } from './storedSession';

/** Runs one sign-in at a time: a second request while one runs joins the first. */
export class SignInService {
  private running: Promise<StoredSession | undefined> | undefined;
  private link: string | undefined;

  constructor(
    private readonly clients: PlexClients,
    private readonly session: Session,
    private readonly ui: () => Ui,
    private readonly errors: ErrorReporter,
  ) {}

  /** The browser approval link of the sign-in in progress, for "Copy Link". */
  get signInLink(): string | undefined {
    return this.link;
  }

  signIn(method?: SignInMethod): Promise<StoredSession | undefined> {
    if (this.running) {
      void this.ui().info(vscode.l10n.t('A Plex sign-in is already in progress.'));
      return this.running;
    }
    const running = this.session.whileSigningIn(() => this.run(method));
    this.running = running;
    void running.finally(() => {
      if (this.running === running) {
        this.running = undefined;
      }
    });
    return running;
  }

  private async run(method: SignInMethod | undefined): Promise<StoredSession | undefined> {
    const ui = this.ui();
    const chosen = method ?? (await ui.pickSignInMethod());
    if (!chosen) {
      return undefined;
    }
    try {
      const result = await this.runFlow(chosen, ui);
      if (!result) {
        return undefined;
      }
      const stored: StoredSession = {
        token: usableToken(result.authToken, 'Plex'),
        account: result.account,
        signedInAt: Date.now(),
        method: chosen,
      };
      await this.session.signedIn(stored);
      void ui.info(vscode.l10n.t('Signed in to Plex as {0}.', plainText(result.account.username)));
      return stored;
    } catch (error) {
      this.errors.report(error, {
        action: `Sign-in (${chosen})`,
        where: 'Plex',
        retry: () => this.signIn(chosen),
      });
      return undefined;
    }
  }

  private runFlow(method: SignInMethod, ui: Ui): Promise<PlexSignIn | undefined> {
    const plexTv = this.clients.plexTv();
    switch (method) {
      case 'browser':
        return signInWithBrowser({
          plexTv,
          ui,
          authPageUrl: readSettings().authUrl,
          onLink: (url) => (this.link = url),
        });
      case 'password':
        return signInWithPassword(plexTv, ui);
      case 'token':
        return signInWithToken(plexTv, ui);
    }
  }
}
