// The command code: dist/commands.js, required when a command first runs (or the Servers view
// first loads), so activation compiles only what the status bar and the views need.
import { HomeService } from '../auth/homeService';
import { RefreshService } from '../auth/refreshService';
import { SignInService } from '../auth/signInService';
import { SignOutService } from '../auth/signOutService';
import { TokenUpkeep } from '../auth/tokenUpkeep';
import { InsecureConnections } from '../servers/insecureConnections';
import { ErrorReporter } from '../ui/errorReporter';
import { runningWork, stopAllWork, type RunningWork } from '../ui/progress';
import { SecretClipboard } from '../ui/secretClipboard';
import { vscodeUi } from '../ui/ui';
import { ServerListLoader } from '../views/serverList';
import { accountCommandHandlers } from './accountCommands';
import { homeCommandHandlers } from './homeCommands';
import type { CommandHandler, CommandId } from '../commandTable';
import { serverCommandHandlers } from './serverCommands';
import type { Core, Services } from './services';

export interface Commands {
  readonly handlers: Readonly<Record<CommandId, CommandHandler>>;
  readonly services: Services;
  readonly serverList: ServerListLoader;
  /** What dispose() stops. */
  readonly running: RunningWork;
  dispose(): void;
}

export function createCommands(core: Core): Commands {
  const ui = () => core.uiOverride() ?? vscodeUi;
  const { log, session, clients, catalog } = core;
  const errors = new ErrorReporter(ui, log, session);
  const services: Services = {
    log,
    session,
    clients,
    catalog,
    errors,
    ui,
    insecure: new InsecureConnections(core.globalState, core.security, ui),
    clipboard: new SecretClipboard(),
    signIn: new SignInService(clients, session, ui, errors),
    signOut: new SignOutService(clients, session, ui, log),
    refresh: new RefreshService(clients, session, catalog, ui, errors, log, () => core.onRefreshed()),
    showSourceDocument: (serverName, information) => core.documents.show(serverName, information),
    upkeep: new TokenUpkeep(session, core.globalState, clients, log),
    home: new HomeService(clients, session, ui, errors),
  };
  const { clipboard } = services;
  return {
    handlers: {
      ...accountCommandHandlers(services),
      ...serverCommandHandlers(services),
      ...homeCommandHandlers(services),
    },
    services,
    serverList: new ServerListLoader(catalog, errors),
    running: runningWork,
    // Deactivated (disabled or updated without a reload): stop every request, poll and pending
    // clipboard clear, so nothing outlives the extension or writes a session afterwards.
    dispose: () => {
      services.upkeep.dispose();
      stopAllWork();
      clipboard.dispose();
    },
  };
}
