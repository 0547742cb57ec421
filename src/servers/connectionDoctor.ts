import * as vscode from 'vscode';
import type { SessionTicket } from '../auth/gateway/plexGateway';
import type { IdentityProbe } from '../plex/connectionProbe';
import { failureKind, plexFailure } from '../plex/failure';
import type { PlexServer } from '../plex/types';
import { describeFailure } from '../ui/errorMessages';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import { resolveServer, serverChoice } from './chooseServer';
import { probeConnections } from './connectionChoice';
import { reportServerFailure } from './serverActions';
import type { ConnectionReport } from './connectionReports';
import type { ServerServices } from './serverServices';

/**
 * Plex: Test Connections. Asks every connection plex.tv lists for the server who answers there,
 * all at once and without a token, each within the probe timeout; then sends one authenticated
 * request, through the gateway, to the best connection that answered, to confirm the token works
 * there. Each result shows under the server in the Servers view as it arrives.
 */
export async function testConnections(services: ServerServices, serverId: string | undefined): Promise<void> {
  const ticket = services.gateway.ticket();
  if (!ticket) {
    void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
    return;
  }
  let server: PlexServer | undefined;
  try {
    server = serverId === undefined ? await askForServer(services) : await resolveServer(services, serverId);
    if (!server) {
      return;
    }
    const chosen = server;
    const report = await withCancellableProgress(vscode.l10n.t('Testing the connections of {0}...', plainText(chosen.name)), async (signal) => {
      const probed = await runProbes(services, chosen, ticket.generation, signal);
      if (signal.aborted) {
        throw plexFailure('cancelled', 'Cancelled');
      }
      return probed.best ? checkToken(services, ticket, chosen, probed, signal) : probed;
    });
    if (services.gateway.isCurrent(ticket)) {
      void services.ui().info(summary(chosen, report));
    }
  } catch (error) {
    reportServerFailure(services, error, {
      commandId: 'plex.testConnections',
      serverName: server?.name,
      ticket,
      retry: () => testConnections(services, serverId),
    });
  }
}

/** Probes every connection; the report (and the view) takes each result as it arrives. */
async function runProbes(services: ServerServices, server: PlexServer, generation: number, signal: AbortSignal): Promise<ConnectionReport> {
  const started = performance.now();
  const results = new Map<string, IdentityProbe>();
  const running: ConnectionReport = { serverId: server.clientIdentifier, generation, results, running: true };
  services.connectionReports.set(running);
  const pending = probeConnections(services, server, signal, (result) => {
    results.set(result.uri, result);
    services.connectionReports.set({ ...running, results: new Map(results) });
  });
  const all = await Promise.all(pending.map((probe) => probe.result));
  const probeMs = Math.round(performance.now() - started);
  const best = all.find((result): result is IdentityProbe & { ok: true } => result.ok);
  services.log.info(
    `plex.testConnections: ${all.length} connection(s) of ${server.name} in ${probeMs} ms: ${all
      .map((result) => `${result.uri} ${result.ok ? `ok ${result.latencyMs} ms` : result.problem}`)
      .join(', ')}`,
  );
  const report: ConnectionReport = { ...running, results: new Map(results), running: best !== undefined, probeMs, ...(best ? { best } : {}) };
  services.connectionReports.set(report);
  return report;
}

/**
 * One authenticated request to the best connection, through the gateway (which chooses the token
 * and asks before plain http). Its failure goes in the report and is then reported as the same
 * failure of Copy Transient Token would be.
 */
async function checkToken(
  services: ServerServices,
  ticket: SessionTicket,
  server: PlexServer,
  report: ConnectionReport,
  signal: AbortSignal,
): Promise<ConnectionReport> {
  const uri = report.best?.uri;
  const atBest = { ...server, connections: server.connections.filter((connection) => connection.uri === uri) };
  try {
    // The session the test began with: a session that ended or changed meanwhile sends nothing.
    await services.gateway.onServer(ticket, { kind: 'listed', server: atBest }, undefined, (client, token) => client.checkToken(token, { signal }));
    const checked: ConnectionReport = { ...report, running: false, tokenCheck: { accepted: true } };
    services.connectionReports.set(checked);
    return checked;
  } catch (error) {
    const message =
      failureKind(error) === 'token-invalid'
        ? vscode.l10n.t('{0} did not accept your Plex token at this address.', plainText(server.name))
        : describeFailure(error, plainText(server.name));
    services.connectionReports.set({ ...report, running: false, tokenCheck: { accepted: false, message } });
    throw error;
  }
}

function summary(server: PlexServer, report: ConnectionReport): string {
  const answered = [...report.results.values()].filter((result) => result.ok).length;
  const total = server.connections.length;
  const name = plainText(server.name);
  if (!report.best) {
    return vscode.l10n.t('None of the {0} connections of {1} answered. The Servers view shows why for each.', total, name);
  }
  return vscode.l10n.t(
    '{0} of {1} connections of {2} answered; the best is {3} ({4} ms). Your token works there.',
    answered,
    total,
    name,
    plainText(report.best.uri),
    report.best.latencyMs,
  );
}

async function askForServer(services: ServerServices): Promise<PlexServer | undefined> {
  const servers = await withCancellableProgress(vscode.l10n.t('Finding your Plex Media Servers...'), (signal) => services.catalog.list(signal));
  if (servers.length === 0) {
    void services.ui().info(vscode.l10n.t('No Plex Media Server was found on your Plex account.'));
    return undefined;
  }
  if (servers.length === 1) {
    return servers[0];
  }
  const picked = await services.ui().pickServer(servers.map((server) => serverChoice(server, undefined)));
  return picked?.server;
}
