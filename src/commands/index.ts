// The command code: dist/commands.js, required when a command first runs (or the Servers view
// first loads), so activation compiles only what the status bar and the views need.
import * as vscode from 'vscode';
import { ClaimCountdown } from '../account/claimCountdown';
import { DeviceList } from '../account/deviceList';
import { WebhookList } from '../account/webhookList';
import { WindowLock } from '../account/windowLock';
import type { WebhookServices } from '../account/webhookServices';
import { AccountSwitchService } from '../auth/accountSwitchService';
import { PlexGateway } from '../auth/gateway/plexGateway';
import { HomeService } from '../auth/homeService';
import { DeviceKeyStore } from '../auth/jwt/deviceKeyStore';
import { JwtRenewal } from '../auth/jwt/jwtRenewal';
import { offerSignInForJwtSetting } from '../auth/jwt/jwtSetting';
import { RefreshService } from '../auth/refreshService';
import { SignInCallbacks } from '../auth/flows/signInCallbacks';
import { signInReturn } from '../auth/flows/signInReturn';
import { SignInService } from '../auth/signInService';
import { SignOutService } from '../auth/signOutService';
import { TokenUpkeep } from '../auth/tokenUpkeep';
import { copyTransientToken } from '../servers/serverActions';
import { ConnectionReports } from '../servers/connectionReports';
import { ServerCatalog } from '../servers/serverCatalog';
import { ErrorReporter } from '../ui/errorReporter';
import { runningWork, stopAllWork, type RunningWork } from '../ui/progress';
import { SecretClipboard } from '../ui/secretClipboard';
import { DeviceView } from '../views/deviceView';
import { HomeView } from '../views/homeView';
import { WebhookView } from '../views/webhookView';
import { SourceDocumentProvider } from '../views/sourceDocument';
import { renderSourceDocument } from '../views/sourceDocumentText';
import { ServerListLoader } from '../views/serverList';
import { ServersTreeProvider } from '../views/serversTree';
import { accountToolCommandHandlers } from './accountToolCommands';
import { accountCommandHandlers, copySignInLink } from './accountCommands';
import { homeCommandHandlers } from './homeCommands';
import type { CommandHandler, CommandId } from '../commandTable';
import { serverCommandHandlers } from './serverCommands';
import { webhookCommandHandlers } from './webhookCommands';
import { walkthroughCommandHandlers } from './walkthroughCommands';
import { signInCallbackReceiver } from './signInCallbackReceiver';
import type { Core, Services } from './services';

/** The workbench's prompts, for the host port (src/extension.ts): they load with the command code. */
export { vscodeUi } from '../ui/ui';

export interface Commands {
  readonly handlers: Readonly<Record<CommandId, CommandHandler>>;
  readonly services: Services;
  readonly serversTree: ServersTreeProvider;
  readonly deviceView: DeviceView;
  readonly homeView: HomeView;
  readonly webhookView: WebhookView;
  /** The source connection documents' content. */
  readonly documents: SourceDocumentProvider;
  /** The URI handler's work: a browser sign-in's callback (the approval page's redirect back). */
  handleUri(uri: { readonly path: string; readonly query: string }): void;
  /** What dispose() stops. */
  readonly running: RunningWork;
  /**
   * Takes the secrets this extension put on the clipboard off it, where it still holds them (a
   * transient, access or account token waiting for its clear, a live claim token). Takes them at
   * once: dispose() may follow before the promise settles.
   */
  clearSecretsFromClipboard(): Promise<void>;
  dispose(): void;
}

export function createCommands(core: Core): Commands {
  const { clock, clipboard: hostClipboard } = core.host;
  const ui = () => core.host.ui;
  const { log, session } = core;
  // The servers are read only by command code (the Servers view's content is command code too).
  // The gateway lets a server token go only where the catalog's list (what plex.tv listed) says.
  const gateway: PlexGateway = new PlexGateway(session, core.globalState, core.security, core.clientIdentifier, log, ui, () => catalog.cached);
  const catalog = new ServerCatalog(() => gateway, session, core.globalState);
  // Every "Sign In Again" offer is about the active account: it does not ask about adding another.
  const signInNow = () => services.signIn.signIn(undefined, { as: 'again' });
  const callbacks = new SignInCallbacks();
  const errors = new ErrorReporter(ui, log, session, signInNow);
  const keys = new DeviceKeyStore(core.secrets, gateway, log, session);
  const upkeep = new TokenUpkeep(gateway, core.globalState, log, clock.now);
  const jwtRenewal = new JwtRenewal(session, core.globalState, gateway, keys, ui, log, signInNow, clock.now);
  const signOut = new SignOutService(gateway, session, ui, log, keys);
  const connectionReports = new ConnectionReports(() => session.generation);
  const serversTree = new ServersTreeProvider(session, catalog, new ServerListLoader(gateway, catalog, errors), connectionReports);
  const devices = new DeviceList(gateway);
  const deviceView = new DeviceView(session, gateway, devices, errors, clock.now);
  const webhookList = new WebhookList(gateway, new WindowLock(core.globalStoragePath, 'webhooks'));
  const webhookView = new WebhookView(session, gateway, webhookList, errors, core.host.setContext);
  const documents = new SourceDocumentProvider();
  const home = new HomeService(gateway, ui, errors);
  const homeView = new HomeView(session, async () => {
    const ticket = gateway.ticket();
    return ticket ? home.loadForView(ticket) : { users: [], inHome: false };
  });
  const refresh = new RefreshService(gateway, session, catalog, ui, errors, log, () => {
    serversTree.retry();
    home.forget();
    homeView.reload();
    webhookView.reload();
  });
  const services: Services = {
    log,
    session,
    gateway,
    catalog,
    connectionReports,
    errors,
    ui,
    clipboard: new SecretClipboard(hostClipboard, clock),
    signIn: new SignInService(gateway, session, ui, errors, keys, () => copySignInLink(services), signInReturn(callbacks, core.extensionId, log)),
    signOut,
    accounts: new AccountSwitchService(session, ui),
    devices,
    claim: new ClaimCountdown(session, hostClipboard, clock.now),
    showDevices: () => deviceView.repaint(),
    signOutRevoked: () => signOut.signOut({ confirm: false, alreadyRevoked: true }),
    copyTransientToken: () => copyTransientToken(services, undefined),
    refreshServers: () => refresh.refresh(),
    refresh,
    showSourceDocument: (serverName, information) => documents.show(serverName, renderSourceDocument(information)),
    upkeep,
    home,
    jwtRenewal,
    keepTokenAlive: () => (session.stored?.jwt ? jwtRenewal.renewIfDue() : upkeep.pingIfDue()),
    jwtSettingChanged: () => offerSignInForJwtSetting(session, ui(), signInNow),
  };
  // First use: the command code loads when the user first acts (or a view first needs plex.tv).
  // A JWT close to expiry is renewed beside that action; the action goes on with the JWT in hand.
  void jwtRenewal.renewIfDue();
  const webhookServices: WebhookServices = {
    ...services,
    webhooks: webhookList,
    showWebhooks: () => webhookView.repaint(),
    firstServer: () => catalog.cached?.find((server) => server.owned),
    playerTitle: vscode.env.appName,
  };
  const { clipboard, claim } = services;
  return {
    handlers: {
      ...accountCommandHandlers(services),
      ...serverCommandHandlers(services),
      ...homeCommandHandlers(services),
      ...accountToolCommandHandlers(services, () => deviceView.reload()),
      ...webhookCommandHandlers(webhookServices, () => webhookView.reload()),
      ...walkthroughCommandHandlers(core.extensionId, services),
    },
    services,
    serversTree,
    deviceView,
    homeView,
    webhookView,
    documents,
    handleUri: signInCallbackReceiver(callbacks, log),
    running: runningWork,
    clearSecretsFromClipboard: async () => {
      await Promise.all([clipboard.clearNow(), claim.end()]);
    },
    // Deactivated (disabled or updated without a reload): stop every request, poll and pending
    // clipboard clear, so nothing outlives the extension or writes a session afterwards.
    dispose: () => {
      services.upkeep.dispose();
      jwtRenewal.dispose();
      stopAllWork();
      clipboard.dispose();
      claim.dispose();
      deviceView.dispose();
      webhookView.dispose();
      documents.dispose();
      homeView.dispose();
      serversTree.dispose();
      catalog.dispose();
      connectionReports.dispose();
    },
  };
}
