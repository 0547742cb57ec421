import * as vscode from 'vscode';
import { AUTHENTICATION_PROVIDER_ID, accountLabel } from '../auth/storedSession';
import type { CommandHandler } from '../commandTable';
import { openWalkthrough, walkthroughStepDone } from '../walkthrough';
import type { Services } from './services';

/**
 * Plex: Get Started opens the walkthrough; Plex: Manage Trusted Extensions opens VS Code's own
 * list of the extensions that may use the active account. Arguments are ignored.
 */
export function walkthroughCommandHandlers(extensionId: string, services: Services): Record<'plex.getStarted' | 'plex.manageTrustedExtensions', CommandHandler> {
  return {
    'plex.getStarted': () => openWalkthrough(extensionId),
    'plex.manageTrustedExtensions': async () => {
      const stored = services.session.stored;
      if (stored === undefined) {
        void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
        return;
      }
      await vscode.commands.executeCommand('_manageTrustedExtensionsForAccount', { providerId: AUTHENTICATION_PROVIDER_ID, accountLabel: accountLabel(stored) });
      walkthroughStepDone('otherExtensions');
    },
  };
}
