import * as vscode from 'vscode';
import type { PlexSignIn } from '../../plex/types';
import type { PlexTvClient } from '../gateway/plexClients';
import { isPlexFailure } from '../../plex/failure';
import { withCancellableProgress } from '../../ui/progress';
import type { Ui } from '../../ui/ui';

const MAX_CODE_ATTEMPTS = 3;
/** plex.tv's "Invalid verification code"; the stand-in, like some plex.tv answers, repeats 1029. */
const INVALID_VERIFICATION_CODE = 1028;

/**
 * Email and password, then a two-factor code when the account asks for one (401, code 1029).
 * A wrong code asks again, up to three codes. Resolves undefined when the user backs out.
 */
export async function signInWithPassword(plexTv: PlexTvClient, ui: Ui): Promise<PlexSignIn | undefined> {
  const login = await ui.askLogin();
  if (!login) {
    return undefined;
  }
  const password = await ui.askPassword();
  if (!password) {
    return undefined;
  }
  let verificationCode: string | undefined;
  for (let codesTried = 0; ; codesTried++) {
    try {
      return await withCancellableProgress(vscode.l10n.t('Signing in to Plex...'), (signal) =>
        plexTv.signIn({ login, password, verificationCode, rememberMe: true }, { signal }),
      );
    } catch (error) {
      const failure = isPlexFailure(error) ? error : undefined;
      const wrongCode = verificationCode !== undefined && failure?.plexCode === INVALID_VERIFICATION_CODE;
      if (failure?.kind !== 'two-factor-required' && !wrongCode) {
        throw error;
      }
      if (codesTried >= MAX_CODE_ATTEMPTS) {
        void ui.error(vscode.l10n.t('The two-factor code was not accepted {0} times. Start the sign-in again.', MAX_CODE_ATTEMPTS));
        return undefined;
      }
      verificationCode = await ui.askVerificationCode(verificationCode !== undefined);
      if (!verificationCode) {
        return undefined;
      }
    }
  }
}
