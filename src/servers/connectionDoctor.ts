import * as vscode from 'vscode';
import type { IdentityProbe } from '../plex/connectionProbe';
import { failureKind } from '../plex/failure';
import type { PlexServer } from '../plex/types';
import { describeFailure } from '../ui/errorMessages';
import { plainText } from '../ui/plainText';
import { withCancellableProgress } from '../ui/progress';
import { resolveServer, serverChoice } from './chooseServer';
import { probeConnections } from './connectionChoice';
import type { ConnectionReport, TokenCheck } from './connectionReports';
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
    const report = await withCancellableProgress(vscode.l10n.t('Testing the connections of {0}...', plainText(chosen.name)), (signal) =>
      runProbes(services, chosen, ticket.generation, signal),
    );
    if (!services.gateway.isCurrent(ticket)) {
      return;
    }
    void services.ui().info(summary(chosen, report));
  } catch (error) {
    if (!services.gateway.isCurrent(ticket)) {
      services.log.info('plex.testConnections: the session ended while it ran; its result was dropped.');
      return;
    }
    services.errors.report(error, {
      action: 'plex.testConnections',
      where: server?.name ?? 'Plex',
      session: ticket.session,
      retry: () => testConnections(services, serverId),
    });
  }
}

async function runProbes(services: ServerServices, server: PlexServer, generation: number, signal: AbortSignal): Promise<ConnectionReport> {
  const started = performance.now();
  const results = new Map<string, IdentityProbe>();
  let report: ConnectionReport = { serverId: server.clientIdentifier, generation, results, running: true };
  services.connectionReports.set(report);
  const pending = probeConnections(services, server, signal, (result) => {
    results.set(result.uri, result);
    services.connectionReports.set({ ...report, results: new Map(results) });
  });
  const all = await Promise.all(pending.map((probe) => probe.result));
  const probeMs = Math.round(performance.now() - started);
  const best = all.find((result): result is IdentityProbe & { ok: true } => result.ok);
  services.log.info(
    `plex.testConnections: ${all.length} connection(s) of ${server.name} in ${probeMs} ms: ${all
      .map((result) => `${result.uri} ${result.ok ? `ok ${result.latencyMs} ms` : result.problem}`)
      .join(', ')}`,
  );
  report = { serverId: server.clientIdentifier, generation, results: new Map(results), running: best !== undefined, probeMs, ...(best ? { best } : {}) };
  services.connectionReports.set(report);
  if (!best) {
    return { ...report, running: false };
  }
  const tokenCheck = await checkToken(services, server, best.uri, signal);
  report = { ...report, running: false, tokenCheck };
  services.connectionReports.set(report);
  return report;
}

/** One authenticated request to the best connection, through the gateway (which chooses the token and asks before plain http). */
async function checkToken(services: ServerServices, server: PlexServer, uri: string, signal: AbortSignal): Promise<TokenCheck> {
  const ticket = services.gateway.ticket();
  if (!ticket) {
    return { accepted: false, message: vscode.l10n.t('Sign in to Plex first.') };
  }
  const atBest = { ...server, connections: server.connections.filter((connection) => connection.uri === uri) };
  try {
    await services.gateway.onServer(ticket, { kind: 'listed', server: atBest }, undefined, (client, token) => client.checkToken(token, { signal }));
    return { accepted: true };
  } catch (error) {
    const kind = failureKind(error);
    if (kind === 'cancelled' || kind === 'insecure-declined') {
      throw error;
    }
    if (kind === 'token-invalid' || kind === 'server-refuses-jwt') {
      // One server refusing a token says nothing about the account: the session stays.
      return { accepted: false, message: vscode.l10n.t('{0} did not accept your Plex token at this address.', plainText(server.name)) };
    }
    return { accepted: false, message: describeFailure(error, plainText(server.name)) };
  }
}

function summary(server: PlexServer, report: ConnectionReport): string {
  const answered = [...report.results.values()].filter((result) => result.ok).length;
  const total = server.connections.length;
  const name = plainText(server.name);
  if (!report.best) {
    return vscode.l10n.t('None of the {0} connections of {1} answered. The Servers view shows why for each.', total, name);
  }
  const best = report.best;
  const token = report.tokenCheck?.accepted
    ? vscode.l10n.t('Your token works there.')
    : vscode.l10n.t('Your token did not work there: {0}', report.tokenCheck && !report.tokenCheck.accepted ? report.tokenCheck.message : '');
  return vscode.l10n.t(
    '{0} of {1} connections of {2} answered; the best is {3} ({4} ms). {5}',
    answered,
    total,
    name,
    plainText(best.uri),
    best.latencyMs,
    token,
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
