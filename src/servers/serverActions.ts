import * as vscode from 'vscode';
import { readSettings } from '../config';
import type { SessionTicket } from '../auth/gateway/plexGateway';
import type { PlexMediaServerClient } from '../auth/gateway/plexClients';
import { failureKind, isPlexFailure } from '../plex/failure';
import { usableToken } from '../tokenShape';
import { walkthroughStepDone } from '../walkthrough';
import { describeFailure } from '../ui/errorMessages';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import { serverAtBestConnection } from './connectionChoice';
import { chooseServer, resolveServer, serverChoice, type ChosenServer } from './chooseServer';
import type { ServerServices } from './serverServices';

// The server actions behind the commands: each chooses a server (by the id the caller passed, looked
// up in what plex.tv listed), talks to it through the gateway with progress, and reports every
// failure once. A server refusing the token says nothing about the account.

/** Gets a transient token from the chosen server, copies it, and clears it again later. */
export async function copyTransientToken(services: ServerServices, serverId: string | undefined): Promise<void> {
  await onServer(services, serverId, 'plex.copyTransientToken', async (server, signal, stillSignedIn) => {
    const token = await request(services, server, signal, (client, serverToken) => client.getTransientToken(serverToken, { signal }));
    if (!stillSignedIn()) {
      return; // Signed out meanwhile: no token of that session goes on the clipboard now.
    }
    const clearAfterMs = readSettings().clipboardClearAfterMs;
    await services.clipboard.copy(usableToken(token, server.name), clearAfterMs);
    walkthroughStepDone('transientToken');
    void services.ui().info(
      clearAfterMs > 0
        ? vscode.l10n.t('Transient token for {0} copied; valid up to 48 hours; clipboard clears in {1} s.', plainText(server.name), clearAfterMs / 1000)
        : vscode.l10n.t('Transient token for {0} copied; valid up to 48 hours.', plainText(server.name)),
    );
  });
}

export async function showSourceConnectionInformation(services: ServerServices, serverId: string | undefined): Promise<void> {
  await onServer(services, serverId, 'plex.showSourceConnectionInformation', async (server, signal, stillSignedIn) => {
    if (!server.clientIdentifier) {
      void services.ui().error(
        vscode.l10n.t(
          '{0} is none of the servers Plex lists for your account, so its source identifier is unknown. Check "plex.serverUrl": set it to an address of one of your servers, or clear it.',
          plainText(server.name),
        ),
      );
      return;
    }
    const source = `server://${server.clientIdentifier}`;
    const information = await request(services, server, signal, (client, serverToken) => client.getSourceConnectionInformation(serverToken, source, { signal }));
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
          // An old notification's button copies nothing once its session has ended or changed.
          if (answer === copy && stillSignedIn()) {
            const clearAfterMs = readSettings().clipboardClearAfterMs;
            await services.clipboard.copy(accessToken, clearAfterMs);
            void services.ui().info(vscode.l10n.t('Access token for {0} copied.', plainText(server.name)));
          }
        });
    }
  });
}

export async function selectServer(services: ServerServices): Promise<void> {
  const ticket = services.gateway.ticket();
  if (!ticket) {
    void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
    return;
  }
  try {
    const servers = await withCancellableProgress(vscode.l10n.t('Finding your Plex Media Servers...'), (signal) => services.catalog.list(signal));
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
      await setDefaultServer(services, picked.server.clientIdentifier);
    }
  } catch (error) {
    // Retry like every other action that lists servers (the fault matrix found it missing here).
    services.errors.report(error, {
      action: 'Select server',
      where: 'Plex',
      session: ticket.session,
      retry: () => selectServer(services),
    });
  }
}

export async function setDefaultServer(services: ServerServices, serverId: string | undefined): Promise<void> {
  if (serverId === undefined) {
    await selectServer(services);
    return;
  }
  const ticket = services.gateway.ticket();
  if (!ticket) {
    void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
    return;
  }
  try {
    const server = await resolveServer(services, serverId);
    await services.catalog.setDefaultServer(server.clientIdentifier);
    void services.ui().info(vscode.l10n.t('{0} is now the default Plex Media Server.', plainText(server.name)));
  } catch (error) {
    services.errors.report(error, { action: 'plex.setDefaultServer', where: 'Plex', session: ticket.session });
  }
}

/** Forgets every "send the token to this address?" and "send it unencrypted?" answer: each is asked again when next needed. */
export async function forgetServerPermissions(services: ServerServices): Promise<void> {
  await services.gateway.forgetServerAddressAnswers();
  await services.gateway.insecure.forget();
  void services.ui().info(vscode.l10n.t('Plex will ask again before sending your token to a server address you allowed before.'));
}

/**
 * Asks the chosen server through the gateway. A listed server's connections are all asked who
 * they are at once (no token), and the token goes to the best one that answered as the server
 * (connectionChoice.ts); a `plex.serverUrl` address is asked directly.
 */
async function request<T>(
  services: ServerServices,
  server: ChosenServer & { ticket: SessionTicket },
  signal: AbortSignal,
  call: (client: PlexMediaServerClient, token: string) => Promise<T>,
): Promise<T> {
  const destination =
    server.destination.kind === 'listed'
      ? { kind: 'listed' as const, server: await serverAtBestConnection(services, server.destination.server, signal) }
      : server.destination;
  const answer = await services.gateway.onServer(server.ticket, destination, undefined, call);
  return answer.value;
}

/** The shared shape of a server action: session check, server choice, progress, error report. */
async function onServer(
  services: ServerServices,
  serverId: string | undefined,
  commandId: string,
  run: (server: ChosenServer & { ticket: SessionTicket }, signal: AbortSignal, stillSignedIn: () => boolean) => Promise<void>,
): Promise<void> {
  const ticket = services.gateway.ticket();
  if (!ticket) {
    void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
    return;
  }
  // The user may sign out, switch or sign in again (here or in another window) while the server
  // answers: then the answer, or its failure, belongs to a session that is gone. A JWT renewal
  // meanwhile is the same session.
  const stillSignedIn = (): boolean => services.gateway.isCurrent(ticket);
  const retry = () => (serverId === undefined ? onServerCommand(services, commandId) : onServerCommand(services, commandId, serverId));
  let server: ChosenServer | undefined;
  try {
    server = await chooseServer(services, serverId);
    if (!server) {
      return;
    }
    const chosen = { ...server, ticket };
    await withCancellableProgress(vscode.l10n.t('Contacting {0}...', chosen.name), (signal) => run(chosen, signal, stillSignedIn));
  } catch (error) {
    reportServerFailure(services, error, { commandId, serverName: server?.name, ticket, retry });
  }
}

/**
 * Reports the failure of an action on a server once: nothing for a session that ended meanwhile;
 * a server refusing the token (or a Plex JWT) says so without touching the session; an earlier
 * "no" to plain http offers to ask again; anything else goes to the error reporter.
 */
export function reportServerFailure(
  services: ServerServices,
  error: unknown,
  context: { commandId: string; serverName: string | undefined; ticket: SessionTicket; retry: () => unknown },
): void {
  const { commandId, serverName, ticket, retry } = context;
  if (!services.gateway.isCurrent(ticket)) {
    services.log.info(`${commandId}: the session ended while it ran; its result was dropped.`);
    return;
  }
  const kind = failureKind(error);
  if (serverName !== undefined && kind === 'token-invalid') {
    // One server refusing a token says nothing about the account: the session stays.
    serverRefused(services, serverName);
    return;
  }
  if (serverName !== undefined && kind === 'server-refuses-jwt') {
    serverRefusedJwt(services, serverName, error);
    return;
  }
  if (serverName !== undefined && kind === 'insecure-declined' && isPlexFailure(error) && error.serverKey) {
    declinedEarlier(services, serverName, error.serverKey, retry);
    return;
  }
  services.errors.report(error, { action: commandId, where: serverName ?? 'Plex', session: ticket.session, retry });
}

/** The same action again (Retry): the same server id, looked up again. */
function onServerCommand(services: ServerServices, commandId: string, serverId?: string): Promise<void> {
  return commandId === 'plex.copyTransientToken' ? copyTransientToken(services, serverId) : showSourceConnectionInformation(services, serverId);
}

function serverRefused(services: ServerServices, serverName: string): void {
  services.log.warn(`${serverName} refused the token`);
  const refresh = vscode.l10n.t('Refresh Servers');
  void services.ui()
    .error(vscode.l10n.t('{0} did not accept your Plex token. Refresh the server list, or check that your account may use this server.', plainText(serverName)), refresh)
    .then((answer) => {
      if (answer === refresh) {
        void services.refreshServers();
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
        await services.gateway.insecure.forget(serverKey);
        void retry();
      }
    });
}
