import * as vscode from 'vscode';
import type { WebhookUrlProblem } from '../plex/webhookUrl';
import { PLEX_PASS_URL } from './plexPass';
import type { WebhookServices } from './webhookServices';

/** What the Add Webhook box says under a value it does not accept. */
export function webhookUrlMessage(problem: WebhookUrlProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter the address of your webhook receiver, starting with https:// or http://.');
    case 'too-long':
      return vscode.l10n.t('That address is too long (at most 2048 characters).');
    case 'spaces':
      return vscode.l10n.t('An address has no spaces.');
    case 'not-a-url':
      return vscode.l10n.t('That is not a complete address: it starts with https:// or http:// and names a host.');
    case 'not-http':
      return vscode.l10n.t('Plex posts webhooks over https:// or http:// only.');
    case 'credentials':
      return vscode.l10n.t('Leave the user name and password out of the address: Plex would show them in every list of webhooks.');
  }
}

/** Says that webhooks need Plex Pass, offering Plex's page; nothing is sent. */
export async function explainPlexPass(services: WebhookServices): Promise<void> {
  const learn = vscode.l10n.t('Learn About Plex Pass');
  const answer = await services
    .ui()
    .info(vscode.l10n.t('Webhooks are a Plex Pass feature, and this Plex account has no active Plex Pass.'), learn);
  if (answer === learn) {
    await services.ui().openInBrowser(PLEX_PASS_URL);
  }
}
