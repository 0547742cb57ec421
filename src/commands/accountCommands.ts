import * as vscode from 'vscode';
import { withCancellableProgress } from '../ui/progress';
import type { Services } from './services';

export function registerAccountCommands(services: Services, onRefreshed: () => void): vscode.Disposable[] {
  const { signIn, signOut, log } = services;
  return [
    vscode.commands.registerCommand('plex.signIn', () => signIn.signIn()),
    vscode.commands.registerCommand('plex.signInWithBrowser', () => signIn.signIn('browser')),
    vscode.commands.registerCommand('plex.signInWithPassword', () => signIn.signIn('password')),
    vscode.commands.registerCommand('plex.signInWithToken', () => signIn.signIn('token')),
    vscode.commands.registerCommand('plex.signOut', () => signOut.signOut({ confirm: true })),
    vscode.commands.registerCommand('plex.refresh', () => refresh(services, onRefreshed)),
    vscode.commands.registerCommand('plex.showLog', () => log.show()),
    vscode.commands.registerCommand('plex.showAccount', () => vscode.commands.executeCommand('plex.account.focus')),
    vscode.commands.registerCommand('plex.copySignInLink', () => copySignInLink(services)),
    vscode.commands.registerCommand('plex.copyValue', (node?: { value?: unknown }) => copyValue(services, node)),
    vscode.commands.registerCommand('plex.statusBarActions', () => statusBarActions(services)),
  ];
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
      const serversWereLoaded = services.catalog.cached !== undefined;
      const account = await services.clients.plexTv().getAccount(session.token, { signal });
      services.state.markValid(session.token);
      if (services.store.session?.token === session.token) {
        await services.store.save({ ...session, account });
      }
      onRefreshed();
      if (serversWereLoaded && services.store.session?.token === session.token) {
        await services.catalog.list(session.token, signal, true);
      }
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
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied'), 2000);
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
    title: vscode.l10n.t('Plex: {0}', username),
    placeHolder: vscode.l10n.t('What do you want to do?'),
  });
  if (picked) {
    await vscode.commands.executeCommand(picked.command);
  }
}
