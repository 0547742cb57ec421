// First import: starts the clock for the bundle's own load time (benchmark probe, see activationClock.ts).
import { activationClock } from './activationClock';
import * as vscode from 'vscode';
import type { PlexExtensionApi } from './api';
import { PlexAuthenticationProvider } from './auth/authenticationProvider';
import { clientIdentifier } from './auth/clientIdentifier';
import { Session } from './auth/session';
import { SessionStore } from './auth/sessionStore';
import { recordTokenUse, scheduleUpkeep } from './auth/tokenUse';
import { COMMANDS } from './commandTable';
import type * as CommandsModule from './commands/index';
import type { Core } from './commands/services';
import { Log } from './log';
import { PlexClients } from './plexApi';
import { ConnectionSecurity } from './servers/connectionSecurity';
import { ServerCatalog } from './servers/serverCatalog';
import type { Ui } from './ui/ui';
import { AccountTreeProvider } from './views/accountTree';
import { LazyTreeProvider } from './views/lazyTree';
import { SOURCE_SCHEME, SourceDocumentProvider } from './views/sourceDocument';
import { PlexStatusBar } from './views/statusBar';

// Activation reads one secret, makes no request and loads only what the status bar and the views
// need: the command code (dist/commands.js) loads when a command first runs, the service layer
// (dist/plex.js) on the first network call.
export async function activate(context: vscode.ExtensionContext): Promise<PlexExtensionApi> {
  activationClock.resume();
  let uiOverride: Ui | undefined;
  const log = new Log();
  const store = new SessionStore(context.secrets, log);
  const session = new Session(store, log);
  const security = new ConnectionSecurity();
  const clients = new PlexClients(() => clientIdentifier(context.globalState), log, security);
  const catalog = new ServerCatalog(clients, session, context.globalState);
  const documents = new SourceDocumentProvider();

  activationClock.pause(); // waiting for the secret is not the extension's own cost
  await session.load();
  activationClock.resume();

  context.subscriptions.push(
    session.onDidUseToken(() => recordTokenUse(context.globalState, Date.now())),
    scheduleUpkeep(() => commands().services.upkeep.pingIfDue()),
  );

  let loaded: CommandsModule.Commands | undefined;
  const commands = (): CommandsModule.Commands => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded ??= (require('./commands.js') as typeof CommandsModule).createCommands(core);
    return loaded;
  };
  const serversTree = new LazyTreeProvider((repaint) => commands().serversTree.attach(repaint));
  const devicesTree = new LazyTreeProvider((repaint) => commands().deviceView.attach(repaint));
  const core: Core = {
    globalState: context.globalState,
    log,
    session,
    security,
    clients,
    catalog,
    documents,
    uiOverride: () => uiOverride,
  };
  const authenticationProvider = new PlexAuthenticationProvider(
    session,
    () => commands().services.signIn.signIn(),
    async () => {
      await commands().services.signOut.signOut({ confirm: false });
    },
  );
  context.subscriptions.push(
    log,
    store,
    session,
    catalog,
    serversTree,
    devicesTree,
    documents,
    { dispose: () => loaded?.dispose() },
    new PlexStatusBar(session),
    vscode.window.registerTreeDataProvider('plex.account', new AccountTreeProvider(session)),
    vscode.window.registerTreeDataProvider('plex.servers', serversTree),
    vscode.window.registerTreeDataProvider('plex.devices', devicesTree),
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_SCHEME, documents),
    authenticationProvider,
    vscode.authentication.registerAuthenticationProvider('plex', 'Plex', authenticationProvider, {
      supportsMultipleAccounts: false,
    }),
    ...COMMANDS.map(({ id }) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => (commands().handlers[id] as (...args: unknown[]) => unknown)(...args)),
    ),
  );

  const api: PlexExtensionApi = {
    get status() {
      return session.status;
    },
    get username() {
      return session.stored?.account.username;
    },
    get signingIn() {
      return session.signingIn;
    },
    onDidChangeState: session.onDidChange,
    activationTimeMs: activationClock.stop(),
    testing:
      context.extensionMode === vscode.ExtensionMode.Test
        ? {
            // Nothing of the command code runs before it loads: no clipboard clear, progress or timer.
            pendingClipboardClears: () => loaded?.testing.pendingClipboardClears() ?? 0,
            activeProgress: () => loaded?.testing.activeProgress() ?? 0,
            cancelProgress: (title) => loaded?.testing.cancelProgress(title),
            pendingPollTimers: () => loaded?.testing.pendingPollTimers() ?? 0,
            forgetInsecureConnectionAnswers: () => commands().testing.forgetInsecureConnectionAnswers(),
            setUi: (replacement) => (uiOverride = replacement),
            readStoredSession: () => Promise.resolve(context.secrets.get('plex.session')),
            cachedServerNames: () => catalog.cached?.map((server) => server.name),
            defaultServerId: () => catalog.defaultServerId,
            forgetDefaultServer: () => catalog.setDefaultServer(undefined),
            authenticationSessions: () => authenticationProvider.getSessions(),
            treatAsRemote: (hosts) => security.treatAsRemote(hosts),
            serverTreeItems: async () => (await serversTree.getChildren()).map((node) => serversTree.getTreeItem(node)),
            deviceTreeItems: async () => (await devicesTree.getChildren()).map((node) => devicesTree.getTreeItem(node)),
            claimCountdown: () => commands().testing.claimCountdown(),
            writeStoredSessionAsAnotherWindow: async (raw) => {
              await (raw === undefined ? context.secrets.delete('plex.session') : context.secrets.store('plex.session', raw));
            },
            deactivate: () => {
              deactivate();
              context.subscriptions.splice(0).forEach((subscription) => void subscription.dispose());
            },
          }
        : undefined,
  };
  return api;
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}

activationClock.pause();
