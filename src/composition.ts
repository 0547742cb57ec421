import * as vscode from 'vscode';
import type { PlexExtensionApi } from './api';
import { PlexAuthenticationProvider } from './auth/authenticationProvider';
import { AUTHENTICATION_PROVIDER_ID } from './auth/storedSession';
import { clientIdentifier } from './auth/clientIdentifier';
import { Session } from './auth/session';
import { SessionStore } from './auth/sessionStore';
import { recordTokenUse, scheduleUpkeep } from './auth/tokenUse';
import { commandCode } from './commandCode';
import type { CommandId } from './commandTable';
import type { Commands } from './commands/index';
import type { Core } from './commands/services';
import type { HostPort } from './hostPort';
import { Log } from './log';
import { ConnectionSecurity } from './auth/gateway/connectionSecurity';
import { AccountTreeProvider } from './views/accountTree';
import type { DeviceNode } from './views/deviceView';
import type { WebhookNode } from './views/webhookView';
import { LazyTreeProvider } from './views/lazyTree';
import type { ServerNode } from './views/serversTree';
import { SOURCE_SCHEME } from './views/sourceScheme';
import { PlexStatusBar } from './views/statusBar';
import { openWalkthroughOnFirstActivation } from './walkthrough';

/** The extension as activation put it together. */
export interface ComposedExtension {
  /** What activate() returns to other extensions. */
  readonly api: PlexExtensionApi;
  readonly security: ConnectionSecurity;
  readonly authenticationProvider: PlexAuthenticationProvider;
  readonly accountTree: AccountTreeProvider;
  readonly serversTree: LazyTreeProvider<ServerNode>;
  readonly devicesTree: LazyTreeProvider<DeviceNode>;
  readonly webhooksTree: LazyTreeProvider<WebhookNode>;
  /** The command code if a command has run (or a view loaded it), without loading it. */
  loadedCommands(): Commands | undefined;
  /** The command code, loading it if needed. */
  commands(): Commands;
  /**
   * What the module's deactivate() does. VS Code calls it, then disposes context.subscriptions at
   * once (which cancels the clipboard clears still waiting), and awaits the promise (at most 5 s
   * when the window reloads or closes). A secret still on the clipboard would outlive the
   * extension: it is cleared now, where the clipboard still holds it.
   */
  deactivate(): Promise<void>;
}

/**
 * Builds the extension on `host` and registers it with VS Code (everything it registers goes into
 * context.subscriptions). Reads one secret, makes no request and loads only what the status bar
 * and the views need: the command code (dist/commands.js) loads when a command first runs, the
 * service layer (dist/plex.js) on the first network call.
 */
export async function composeExtension(context: vscode.ExtensionContext, host: HostPort): Promise<ComposedExtension> {
  const log = new Log();
  const store = new SessionStore(context.secrets, log);
  const session = new Session(store, log, host.setContext);
  const security = new ConnectionSecurity(host.isLocalAddress);

  await session.load();

  context.subscriptions.push(
    session.onDidUseToken(() => recordTokenUse(context.globalState, host.clock.now())),
    scheduleUpkeep(() => commands().services.keepTokenAlive()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('plex.jwt.enabled')) {
        void commands().services.jwtSettingChanged();
      }
    }),
  );

  let loaded: Commands | undefined;
  const commands = (): Commands => {
    loaded ??= commandCode().createCommands(core);
    return loaded;
  };
  const accountTree = new AccountTreeProvider(session);
  const serversTree = new LazyTreeProvider((repaint) => commands().serversTree.attach(repaint));
  const devicesTree = new LazyTreeProvider((repaint) => commands().deviceView.attach(repaint));
  const homeTree = new LazyTreeProvider((repaint) => commands().homeView.attach(repaint));
  const webhooksTree = new LazyTreeProvider((repaint) => commands().webhookView.attach(repaint));
  const core: Core = {
    globalState: context.globalState,
    globalStoragePath: context.globalStorageUri.fsPath,
    secrets: context.secrets,
    log,
    session,
    security,
    extensionId: context.extension.id,
    clientIdentifier: () => clientIdentifier(context.globalState),
    host,
  };
  const authenticationProvider = new PlexAuthenticationProvider(
    session,
    () => commands().services.signIn.signIn(undefined, { as: 'add' }),
    async (sessionId) => {
      await commands().services.signOut.signOutOf(sessionId);
    },
  );
  context.subscriptions.push(
    log,
    store,
    session,
    serversTree,
    devicesTree,
    { dispose: () => loaded?.dispose() },
    new PlexStatusBar(session),
    vscode.window.registerTreeDataProvider('plex.account', accountTree),
    vscode.window.registerTreeDataProvider('plex.servers', serversTree),
    homeTree,
    vscode.window.registerTreeDataProvider('plex.home', homeTree),
    vscode.window.registerTreeDataProvider('plex.devices', devicesTree),
    webhooksTree,
    vscode.window.registerTreeDataProvider('plex.webhooks', webhooksTree),
    // Its documents are opened by command code; one restored after a reload loads it to say it is gone.
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_SCHEME, { provideTextDocumentContent: (uri) => commands().documents.provideTextDocumentContent(uri) }),
    authenticationProvider,
    vscode.authentication.registerAuthenticationProvider(AUTHENTICATION_PROVIDER_ID, 'Plex', authenticationProvider, {
      supportsMultipleAccounts: true,
    }),
    // Registered at activation (VS Code keeps a URI that arrives before that for the handler);
    // only a sign-in waits for a URI, and a sign-in is command code: without it loaded, nothing waits.
    vscode.window.registerUriHandler({
      handleUri: (uri) => {
        if (loaded) {
          loaded.handleUri(uri);
        } else {
          log.warn('Ignored a URI sent to this extension: no browser sign-in is waiting.');
        }
      },
    }),
    ...declaredCommandIds(context.extension).map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => (commands().handlers[id] as (...args: unknown[]) => unknown)(...args)),
    ),
  );

  // Never awaited: activation does not wait for the walkthrough, and only a first activation opens it.
  void openWalkthroughOnFirstActivation(context.globalState, context.extension.id).then(undefined, (error: unknown) =>
    log.warn(`Could not open the Get Started walkthrough: ${String(error)}`),
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
  return {
    api,
    security,
    authenticationProvider,
    accountTree,
    serversTree,
    devicesTree,
    webhooksTree,
    loadedCommands: () => loaded,
    commands,
    // Nothing of the command code loaded: nothing was copied. Everything else is in context.subscriptions.
    deactivate: () => loaded?.clearSecretsFromClipboard() ?? Promise.resolve(),
  };
}

/**
 * The commands the manifest declares, which are the command table's (a unit test checks): read
 * from the manifest VS Code already holds, so activation does not load the table's palette and
 * menu data.
 */
function declaredCommandIds(extension: vscode.Extension<unknown>): CommandId[] {
  const manifest: unknown = extension.packageJSON;
  const declared = (manifest as { contributes?: { commands?: unknown } } | undefined)?.contributes?.commands;
  return Array.isArray(declared)
    ? declared.flatMap((entry: unknown) => {
        const id = (entry as { command?: unknown } | null)?.command;
        return typeof id === 'string' ? [id as CommandId] : [];
      })
    : [];
}
