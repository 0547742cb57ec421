import * as vscode from 'vscode';
import { withCancellableProgress } from '../ui/progress';
import type { CommandHandler } from './commandIds';
import type { Services } from './services';

type AccountCommandId =
  | 'plex.signIn'
  | 'plex.signInWithBrowser'
  | 'plex.signInWithPassword'
  | 'plex.signInWithToken'
  | 'plex.signOut'
  | 'plex.refresh'
  | 'plex.showLog'
  | 'plex.showAccount'
  | 'plex.copySignInLink'
  | 'plex.copyValue'
  | 'plex.statusBarActions';

export function accountCommandHandlers(services: Services, onRefreshed: () => void): Record<AccountCommandId, CommandHandler> {
  const { signIn, signOut, log } = services;
  return {
    'plex.signIn': () => signIn.signIn(),
    'plex.signInWithBrowser': () => signIn.signIn('browser'),
    'plex.signInWithPassword': () => signIn.signIn('password'),
    'plex.signInWithToken': () => signIn.signIn('token'),
    'plex.signOut': () => signOut.signOut({ confirm: true }),
    'plex.refresh': () => refresh(services, onRefreshed),
    'plex.showLog': () => log.show(),
    'plex.showAccount': () => vscode.commands.executeCommand('plex.account.focus'),
    'plex.copySignInLink': () => copySignInLink(services),
    'plex.copyValue': (node?: { value?: unknown }) => copyValue(services, node),
    'plex.statusBarActions': () => statusBarActions(services),
  };
}

/**
 * Re-reads the account (and the servers, when they were loaded) from plex.tv. A refused token
 * marks the session expired; any other failure keeps everything as it was.
 */
async function refresh(services: Services, onRefreshed: () => void): Promise<void> {
  const session = services.store.session;
  if (!session) {
    void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
    return;
  }
  try {
    await withCancellableProgress(vscode.l10n.t('Refreshing Plex...'), async (signal) => {
      // Account and servers in parallel: one round trip to plex.tv instead of two.
      const serversReload =
        services.catalog.cached === undefined ? Promise.resolve(undefined) : services.catalog.list(session.token, signal, true);
      void serversReload.catch(() => undefined); // awaited below, unless the account read fails first
      const account = await services.clients.plexTv().getAccount(session.token, { signal });
      services.state.markValid(session.token);
      if (services.store.session?.token === session.token) {
        await services.store.save({ ...session, account });
      }
      onRefreshed();
      await serversReload;
    });
  } catch (error) {
    if (services.store.session?.token !== session.token) {
      // Signed out (or in as someone else) while this ran: its failure is about a session that
      // is gone, e.g. the token the sign-out just revoked. Reporting it would contradict the
      // user's last action (found by the concurrency tests).
      services.log.info('Refresh: the session changed while it ran; its result was dropped.');
      return;
    }
    services.errors.report(error, {
      action: 'Refresh',
      where: 'Plex',
      token: session.token,
      retry: () => vscode.commands.executeCommand('plex.refresh'),
    });
  }
}

async function copySignInLink(services: Services): Promise<void> {
  const link = services.signIn.signInLink;
  if (!link) {
    void services.ui().info(vscode.l10n.t('No browser sign-in is waiting for approval.'));
    return;
  }
  await vscode.env.clipboard.writeText(link);
  void services.ui().info(vscode.l10n.t('Sign-in link copied. Open it in your browser to approve this device.'));
}

async function copyValue(services: Services, node: { value?: unknown } | undefined): Promise<void> {
  if (typeof node?.value !== 'string') {
    return;
  }
  await vscode.env.clipboard.writeText(node.value);
  const copied = vscode.l10n.t({ message: '$(check) Copied', comment: 'Shown briefly in the status bar after a copy. $(check) is an icon: keep it.' });
  vscode.window.setStatusBarMessage(copied, 2000);
  services.log.info('Copied a value from the Plex view.');
}

async function statusBarActions(services: Services): Promise<void> {
  const actions: (vscode.QuickPickItem & { command: string })[] = [
    { label: vscode.l10n.t('$(key) Copy Transient Token'), command: 'plex.copyTransientToken' },
    { label: vscode.l10n.t('$(refresh) Refresh'), command: 'plex.refresh' },
    { label: vscode.l10n.t('$(server) Select Server'), command: 'plex.selectServer' },
    { label: vscode.l10n.t('$(account) Show Account'), command: 'plex.showAccount' },
    { label: vscode.l10n.t('$(sign-out) Sign Out'), command: 'plex.signOut' },
  ];
  const username = services.store.session?.account.username ?? '';
  const picked = await vscode.window.showQuickPick(actions, {
    title: vscode.l10n.t({ message: 'Plex: {0}', args: [username], comment: 'Title of the account actions menu; {0} is the Plex username.' }),
    placeHolder: vscode.l10n.t('What do you want to do?'),
  });
  if (picked) {
    await vscode.commands.executeCommand(picked.command);
  }
}
