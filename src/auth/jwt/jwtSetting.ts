import * as vscode from 'vscode';
import { readSettings } from '../../config';
import type { Ui } from '../../ui/ui';
import type { SessionView } from '../sessionView';

/**
 * "plex.jwt.enabled" changed: the setting decides the next sign-in, so offer one now when the
 * session holds the other kind of token. Signed out, the next sign-in follows it by itself.
 */
export async function offerSignInForJwtSetting(session: SessionView, ui: Ui, startSignIn: () => Promise<unknown>): Promise<boolean> {
  const stored = session.stored;
  const enabled = readSettings().jwtEnabled;
  if (!stored || enabled === (stored.jwt !== undefined)) {
    return false;
  }
  const signIn = vscode.l10n.t('Sign In Again');
  const answer = await ui.info(
    enabled
      ? vscode.l10n.t('The Plex JWT preview is on. Sign in again now to get a Plex JWT for this device?')
      : vscode.l10n.t('The Plex JWT preview is off. Sign in again now to use a classic Plex token?'),
    signIn,
  );
  if (answer !== signIn) {
    return false;
  }
  await startSignIn();
  return true;
}
