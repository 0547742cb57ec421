import * as vscode from 'vscode';
import { readSettings } from '../config';
import { activeIdentity } from '../auth/storedSession';
import { failureKind, isPlexFailure } from '../plex/failure';
import type { PlexServer } from '../plex/types';
import { usableToken } from '../tokenShape';
import { describeFailure } from '../ui/errorMessages';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import { chooseServer, serverChoice, type ChosenServer } from './chooseServer';
import { onFirstAnsweringConnection } from './connect';
import type { ServerServices } from './serverServices';

// The server actions behind the commands: each chooses a server, talks to it with progress, and
// reports every failure once. A server refusing the token says nothing about the account.

/** Gets a transient token from the chosen server, copies it, and clears it again later. */
export async function copyTransientToken(services: ServerServices, clicked: PlexServer | undefined): Promise<void> {
  await onServer(services, clicked, 'plex.copyTransientToken', async (server, signal, stillSignedIn) => {
    const { value: token, uri } = await onFirstAnsweringConnection(
      services.clients,
      services.insecure,
      server,
      server.clientIdentifier && services.catalog.workingConnection(server.clientIdentifier),
      (client) => client.getTransientToken(server.token, { signal }),
    );
    remember(services, server, uri);
    if (!stillSignedIn()) {
      return; // Signed out meanwhile: no token of that session goes on the clipboard now.
    }
    const clearAfterMs = readSettings().clipboardClearAfterMs;
    await services.clipboard.copy(usableToken(token, server.name), clearAfterMs);
    void services.ui().info(
      clearAfterMs > 0
        ? vscode.l10n.t('Transient token for {0} copied; valid up to 48 hours; clipboard clears in {1} s.', plainText(server.name), clearAfterMs / 1000)
        : vscode.l10n.t('Transient token for {0} copied; valid up to 48 hours.', plainText(server.name)),
    );
  });
}

export async function showSourceConnectionInformation(services: ServerServices, clicked: PlexServer | undefined): Promise<void> {
  await onServer(services, clicked, 'plex.showSourceConnectionInformation', async (server, signal, stillSignedIn) => {
    if (!server.clientIdentifier) {
      void services.ui().error(
        vscode.l10n.t('{0} is not one of your account\'s servers, so its source identifier is unknown. Open the Servers view once, or clear "plex.serverUrl".', plainText(server.name)),
      );
      return;
    }
    const source = `server://${server.clientIdentifier}`;
    const { value: information, uri } = await onFirstAnsweringConnection(
      services.clients,
      services.insecure,
      server,
      services.catalog.workingConnection(server.clientIdentifier),
      (client) => client.getSourceConnectionInformation(server.token, source, { signal }),
    );
    remember(services, server, uri);
    if (!stillSignedIn()) {
      return;
    }
    await services.showSourceDocument(server.name, information);
    if (information.accessToken) {
      const accessToken = information.accessToken;
      const copy = vscode.l10n.t('Copy Access Token');
      void services.ui()
        .info(vscode.l10n.t('Source connection information for {0}. The access token is hidden.', plainText(server.name)), copy)
        .then(async (answer) => {
          if (answer === copy) {
            const clearAfterMs = readSettings().clipboardClearAfterMs;
            await services.clipboard.copy(accessToken, clearAfterMs);
            void services.ui().info(vscode.l10n.t('Access token for {0} copied.', plainText(server.name)));
          }
        });
    }
  });
}

export async function selectServer(services: ServerServices): Promise<void> {
  const session = services.session.stored;
  if (!session) {
    void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
    return;
  }
  try {
    const servers = await withCancellableProgress(vscode.l10n.t('Finding your Plex Media Servers...'), (signal) =>
      services.catalog.list(activeIdentity(session).token, signal),
    );
    if (servers.length === 0) {
      void services.ui().info(vscode.l10n.t('No Plex Media Server was found on your Plex account.'));
      return;
    }
    const picked = await services.ui().pickServer(
      servers.map((server) =>
        serverChoice(
          server,
          server.clientIdentifier === services.catalog.defaultServerId
            ? vscode.l10n.t({ message: 'default', comment: 'Beside a server: the default server, the one "Copy Transient Token" uses.' })
            : undefined,
        ),
      ),
    );
    if (picked) {
      await setDefaultServer(services, picked.server);
    }
  } catch (error) {
    // Retry like every other action that lists servers (the fault matrix found it missing here).
    services.errors.report(error, {
      action: 'Select server',
      where: 'Plex',
      token: session.token,
      retry: () => vscode.commands.executeCommand('plex.selectServer'),
    });
  }
}

export async function setDefaultServer(services: ServerServices, server: PlexServer | undefined): Promise<void> {
  if (!server) {
    await selectServer(services);
    return;
  }
  await services.catalog.setDefaultServer(server.clientIdentifier);
  void services.ui().info(vscode.l10n.t('{0} is now the default Plex Media Server.', plainText(server.name)));
}

/** The shared shape of a server action: session check, server choice, progress, error report. */
async function onServer(
  services: ServerServices,
  clicked: PlexServer | undefined,
  commandId: string,
  run: (server: ChosenServer, signal: AbortSignal, stillSignedIn: () => boolean) => Promise<void>,
): Promise<void> {
  const session = services.session.stored;
  if (!session) {
    void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
    return;
  }
  // The user may sign out (here or in another window) while the server answers: then the
  // answer, or its failure, belongs to a session that is gone (found by the concurrency tests).
  const stillSignedIn = (): boolean => services.session.activeToken === activeIdentity(session).token;
  let server: ChosenServer | undefined;
  try {
    server = await chooseServer(services, session, clicked);
    if (!server) {
      return;
    }
    const chosen = server;
    await withCancellableProgress(vscode.l10n.t('Contacting {0}...', chosen.name), (signal) => run(chosen, signal, stillSignedIn));
  } catch (error) {
    if (!stillSignedIn()) {
      services.log.info(`${commandId}: the session ended while it ran; its result was dropped.`);
      return;
    }
    const kind = failureKind(error);
    if (server && kind === 'token-invalid') {
      // One server refusing a token says nothing about the account: the session stays.
      serverRefused(services, server.name);
      return;
    }
    if (server && kind === 'server-refuses-jwt') {
      serverRefusedJwt(services, server.name, error);
      return;
    }
    if (server && kind === 'insecure-declined' && isPlexFailure(error) && error.serverKey) {
      declinedEarlier(services, server.name, error.serverKey, () => vscode.commands.executeCommand(commandId, clicked ? { server: clicked } : undefined));
      return;
    }
    services.errors.report(error, {
      action: commandId,
      where: server?.name ?? 'Plex',
      token: session.token,
      retry: () => vscode.commands.executeCommand(commandId, clicked ? { server: clicked } : undefined),
    });
  }
}

function serverRefused(services: ServerServices, serverName: string): void {
  services.log.warn(`${serverName} refused the token`);
  const refresh = vscode.l10n.t('Refresh Servers');
  void services.ui()
    .error(vscode.l10n.t('{0} did not accept your Plex token. Refresh the server list, or check that your account may use this server.', plainText(serverName)), refresh)
    .then((answer) => {
      if (answer === refresh) {
        void vscode.commands.executeCommand('plex.refresh');
      }
    });
}

/** The JWT preview's token: the server is one of those reported to refuse JWTs; the classic sign-in works with it. */
function serverRefusedJwt(services: ServerServices, serverName: string, error: unknown): void {
  services.log.warn(`${serverName} refused the Plex JWT`);
  const openSetting = vscode.l10n.t('Open Setting');
  void services.ui()
    .error(describeFailure(error, plainText(serverName)), openSetting)
    .then((answer) => {
      if (answer === openSetting) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'plex.jwt.enabled');
      }
    });
}

/** The user said earlier not to send the token unencrypted to this server; offer to ask again. */
function declinedEarlier(services: ServerServices, serverName: string, serverKey: string, retry: () => unknown): void {
  services.log.warn(`${serverName}: no encrypted connection answered; the token was not sent unencrypted, as chosen earlier`);
  const askAgain = vscode.l10n.t('Ask Again');
  void services.ui()
    .error(
      vscode.l10n.t('No encrypted connection to {0} answered, and you chose not to send your Plex token to it unencrypted.', plainText(serverName)),
      askAgain,
    )
    .then(async (answer) => {
      if (answer === askAgain) {
        await services.insecure.forget(serverKey);
        void retry();
      }
    });
}

function remember(services: ServerServices, server: ChosenServer, uri: string): void {
  if (server.clientIdentifier) {
    services.catalog.rememberWorkingConnection(server.clientIdentifier, uri);
  }
}
