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
import { INTERNALS_KEY, type ExtensionInternals } from './internals';
import { Log } from './log';
import { ConnectionSecurity } from './servers/connectionSecurity';
import type { Ui } from './ui/ui';
import { AccountTreeProvider } from './views/accountTree';
import { LazyTreeProvider } from './views/lazyTree';
import { SOURCE_SCHEME, SourceDocumentProvider } from './views/sourceDocument';
import { PlexStatusBar } from './views/statusBar';

// Activation reads one secret, makes no request and loads only what the status bar and the views
// need: the command code (dist/commands.js) loads when a command first runs, the service layer
// (dist/plex.js) on the first network call.
export async function activate(context: vscode.ExtensionContext): Promise<PlexExtensionApi> {
  let uiOverride: Ui | undefined;
  const log = new Log();
  const store = new SessionStore(context.secrets, log);
  const session = new Session(store, log);
  const security = new ConnectionSecurity();
  const documents = new SourceDocumentProvider();

  await session.load();

  context.subscriptions.push(
    session.onDidUseToken(() => recordTokenUse(context.globalState, Date.now())),
    scheduleUpkeep(() => commands().services.keepTokenAlive()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('plex.jwt.enabled')) {
        void commands().services.jwtSettingChanged();
      }
    }),
  );

  let loaded: CommandsModule.Commands | undefined;
  const commands = (): CommandsModule.Commands => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded ??= (require('./commands.js') as typeof CommandsModule).createCommands(core);
    return loaded;
  };
  const accountTree = new AccountTreeProvider(session);
  const serversTree = new LazyTreeProvider((repaint) => commands().serversTree.attach(repaint));
  const devicesTree = new LazyTreeProvider((repaint) => commands().deviceView.attach(repaint));
  const homeTree = new LazyTreeProvider((repaint) => commands().homeView.attach(repaint));
  const core: Core = {
    globalState: context.globalState,
    secrets: context.secrets,
    log,
    session,
    security,
    clientIdentifier: () => clientIdentifier(context.globalState),
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
    serversTree,
    devicesTree,
    documents,
    { dispose: () => loaded?.dispose() },
    new PlexStatusBar(session),
    vscode.window.registerTreeDataProvider('plex.account', accountTree),
    vscode.window.registerTreeDataProvider('plex.servers', serversTree),
    homeTree,
    vscode.window.registerTreeDataProvider('plex.home', homeTree),
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
    get signingIn() {
      return session.signingIn;
    },
    onDidChangeState: session.onDidChange,
  };
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    const internals: ExtensionInternals = {
      security,
      serversTree,
      devicesTree,
      authenticationProvider,
      accountTree,
      secrets: context.secrets,
      globalState: context.globalState,
      logUri: context.logUri,
      subscriptions: context.subscriptions,
      loadedCommands: () => loaded,
      commands,
      overrideUi: (replacement) => (uiOverride = replacement),
      deactivate,
    };
    Object.defineProperty(api, INTERNALS_KEY, { value: internals });
  }
  return api;
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
