// First import: starts the clock for the bundle's own load time (benchmark probe, see activationClock.ts).
import { activationClock } from './activationClock';
import * as vscode from 'vscode';
import type { PlexExtensionApi } from './api';
import { AuthState } from './auth/authState';
import { PlexAuthenticationProvider } from './auth/authenticationProvider';
import { clientIdentifier } from './auth/clientIdentifier';
import { SessionStore } from './auth/sessionStore';
import { SignInService } from './auth/signInService';
import { SignOutService } from './auth/signOutService';
import { registerAccountCommands } from './commands/accountCommands';
import { registerServerCommands } from './commands/serverCommands';
import type { Services } from './commands/services';
import { Log } from './log';
import { PlexClients } from './plexApi';
import { ConnectionSecurity } from './servers/connectionSecurity';
import { InsecureConnections } from './servers/insecureConnections';
import { ServerCatalog } from './servers/serverCatalog';
import { ErrorReporter } from './ui/errorReporter';
import { activeProgressCount, cancelAllProgress, pendingDelayCount } from './ui/progress';
import { SecretClipboard } from './ui/secretClipboard';
import { vscodeUi, type Ui } from './ui/ui';
import { AccountTreeProvider } from './views/accountTree';
import { ServersTreeProvider } from './views/serversTree';
import { SOURCE_SCHEME, SourceDocumentProvider } from './views/sourceDocument';
import { PlexStatusBar } from './views/statusBar';

// Activation reads one secret and makes no request: the service layer (dist/plex.js) loads on
// the first network call.
export async function activate(context: vscode.ExtensionContext): Promise<PlexExtensionApi> {
  activationClock.resume();
  let ui: Ui = vscodeUi;
  const currentUi = () => ui;
  const log = new Log();
  const store = new SessionStore(context.secrets, log);
  const state = new AuthState(store);
  const security = new ConnectionSecurity();
  const clients = new PlexClients(() => clientIdentifier(context.globalState), log, security);
  const catalog = new ServerCatalog(clients, state, context.globalState);
  const insecure = new InsecureConnections(context.globalState, security, currentUi);
  const errors = new ErrorReporter(currentUi, state, log);
  const signIn = new SignInService(clients, store, state, currentUi, errors);
  const signOut = new SignOutService(clients, store, currentUi, log);
  const clipboard = new SecretClipboard();
  const services: Services = { log, store, state, clients, catalog, insecure, signIn, signOut, errors, clipboard, ui: currentUi };

  activationClock.pause(); // waiting for the secret is not the extension's own cost
  await store.load();
  activationClock.resume();
  state.refresh();

  const serversTree = new ServersTreeProvider(state, catalog, errors);
  const authenticationProvider = new PlexAuthenticationProvider(store, signIn, signOut);
  const documents = new SourceDocumentProvider();
  context.subscriptions.push(
    log,
    store,
    state,
    catalog,
    clipboard,
    serversTree,
    documents,
    new PlexStatusBar(state),
    vscode.window.registerTreeDataProvider('plex.account', new AccountTreeProvider(state)),
    vscode.window.registerTreeDataProvider('plex.servers', serversTree),
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_SCHEME, documents),
    authenticationProvider,
    vscode.authentication.registerAuthenticationProvider('plex', 'Plex', authenticationProvider, {
      supportsMultipleAccounts: false,
    }),
    ...registerAccountCommands(services, () => serversTree.retry()),
    ...registerServerCommands(services, documents),
  );

  const api: PlexExtensionApi = {
    get status() {
      return state.status;
    },
    get username() {
      return state.session?.account.username;
    },
    get signingIn() {
      return state.signingIn;
    },
    onDidChangeState: state.onDidChange,
    activationTimeMs: activationClock.stop(),
    testing:
      context.extensionMode === vscode.ExtensionMode.Test
        ? {
            setUi: (replacement) => (ui = replacement ?? vscodeUi),
            readStoredSession: () => store.readRaw(),
            cachedServerNames: () => catalog.cached?.map((server) => server.name),
            defaultServerId: () => catalog.defaultServerId,
            forgetDefaultServer: () => catalog.setDefaultServer(undefined),
            authenticationSessions: () => authenticationProvider.getSessions(),
            pendingClipboardClears: () => clipboard.pendingClears,
            activeProgress: activeProgressCount,
            cancelProgress: cancelAllProgress,
            pendingPollTimers: pendingDelayCount,
            treatAsRemote: (hosts) => security.treatAsRemote(hosts),
            forgetInsecureConnectionAnswers: () => insecure.forget(),
            serverTreeItems: async () => (await serversTree.getChildren()).map((node) => serversTree.getTreeItem(node)),
            writeStoredSessionAsAnotherWindow: (raw) => store.writeRawAsAnotherWindow(raw),
          }
        : undefined,
  };
  return api;
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}

activationClock.pause();
