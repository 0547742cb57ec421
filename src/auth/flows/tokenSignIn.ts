import * as vscode from 'vscode';
import type { PlexSignIn } from '../../plex/types';
import type { PlexTvClient } from '../gateway/plexClients';
import { failureKind } from '../../plex/failure';
import { withCancellableProgress } from '../../ui/progress';
import type { Ui } from '../../ui/ui';

/** An existing token, checked with the account call before anything is stored. */
export async function signInWithToken(plexTv: PlexTvClient, ui: Ui): Promise<PlexSignIn | undefined> {
  const authToken = await ui.askToken();
  if (!authToken) {
    return undefined;
  }
  try {
    const account = await withCancellableProgress(vscode.l10n.t('Checking the token with Plex...'), (signal) =>
      plexTv.getAccount(authToken, { signal }),
    );
    return { authToken, account };
  } catch (error) {
    if (failureKind(error) === 'token-invalid') {
      void ui.error(vscode.l10n.t('Plex did not accept that token. Check that you copied all of it, or sign in another way.'));
      return undefined;
    }
    throw error;
  }
}
