import * as vscode from 'vscode';
import { statusBarMenu, type CommandHandler } from '../commandTable';
import { referenceOf, takeReference } from './references';
import type { Services } from './services';

type AccountCommandId =
  | 'plex.signIn'
  | 'plex.signInWithBrowser'
  | 'plex.signInWithPassword'
  | 'plex.signInWithToken'
  | 'plex.addAccount'
  | 'plex.switchAccount'
  | 'plex.signOut'
  | 'plex.refresh'
  | 'plex.showLog'
  | 'plex.showAccount'
  | 'plex.copySignInLink'
  | 'plex.copyValue'
  | 'plex.statusBarActions';

export function accountCommandHandlers(services: Services): Record<AccountCommandId, CommandHandler> {
  const { signIn, signOut, refresh, log } = services;
  return {
    'plex.signIn': () => signIn.signIn(),
    'plex.signInWithBrowser': () => signIn.signIn('browser'),
    'plex.signInWithPassword': () => signIn.signIn('password'),
    'plex.signInWithToken': () => signIn.signIn('token'),
    'plex.addAccount': () => signIn.signIn(undefined, { as: 'add' }),
    // From the palette, the status-bar menu or the Account view (asks), or with an `accountId` (the account's key).
    'plex.switchAccount': (argument?: unknown) => {
      const accountId = takeReference(services.ui, referenceOf(argument, 'accountId', 'string'));
      return accountId === false ? undefined : services.accounts.switchTo(accountId);
    },
    'plex.signOut': () => signOut.signOut({ confirm: true }),
    'plex.refresh': () => refresh.refresh(),
    'plex.showLog': () => log.show(),
    'plex.showAccount': () => vscode.commands.executeCommand('plex.account.focus'),
    'plex.copySignInLink': () => copySignInLink(services),
    'plex.copyValue': (node?: { value?: unknown }) => copyValue(services, node),
    'plex.statusBarActions': () => statusBarActions(services),
  };
}

export async function copySignInLink(services: Services): Promise<void> {
  const link = services.signIn.signInLink;
  if (!link) {
    void services.ui().info(vscode.l10n.t('No browser sign-in is waiting for approval.'));
    return;
  }
  await services.clipboard.copy(link, 0);
  void services.ui().info(vscode.l10n.t('Sign-in link copied. Open it in your browser to approve this device.'));
}

async function copyValue(services: Services, node: { value?: unknown } | undefined): Promise<void> {
  if (typeof node?.value !== 'string') {
    return;
  }
  await services.clipboard.copy(node.value, 0);
  services.ui().flash(
    vscode.l10n.t({ message: '$(check) Copied', comment: 'Shown briefly in the status bar after a copy. $(check) is an icon: keep it.' }),
  );
  services.log.info('Copied a value from the Plex view.');
}

async function statusBarActions(services: Services): Promise<void> {
  const account = services.session.stored?.account;
  const hasOthers = services.session.otherAccounts.length > 0;
  const actions = statusBarMenu().filter(
    (action) => (action.id !== 'plex.switchHomeUser' || account?.home) && (action.id !== 'plex.switchAccount' || hasOthers),
  );
  const picked = await services.ui().pickAccountAction(account?.username ?? '', actions);
  if (picked) {
    await vscode.commands.executeCommand(picked);
  }
}
