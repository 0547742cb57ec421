// How a server's connections and its last Test Connections read in the Servers view: each
// connection reachable (latency, https/http, local/remote/relay, plex.direct) or why not.
import * as vscode from 'vscode';
import type { ConnectionProblem, IdentityProbe } from '../plex/connectionProbe';
import type { PlexConnection } from '../plex/types';
import type { ConnectionReport } from '../servers/connectionReports';
import { isPlexDirect, looksLikeDnsRebindingProtection } from '../servers/connectionRanking';
import { plainText } from '../ui/plainText';


export function problemText(problem: ConnectionProblem): string {
  switch (problem) {
    case 'refused':
      return vscode.l10n.t({ message: 'refused', comment: 'A connection to a server address was refused.' });
    case 'timeout':
      return vscode.l10n.t({ message: 'timed out', comment: 'A server address did not answer in time.' });
    case 'dns':
      return vscode.l10n.t({ message: 'DNS failed', comment: 'The host name of a server address could not be resolved.' });
    case 'tls':
      return vscode.l10n.t({ message: 'TLS failed', comment: 'The encrypted connection to a server address could not be set up.' });
    case 'closed':
      return vscode.l10n.t({ message: 'connection closed', comment: 'A server address closed the connection before answering.' });
    case 'unreachable':
      return vscode.l10n.t({ message: 'unreachable', comment: 'The network could not reach a server address.' });
    case 'invalid-http':
      return vscode.l10n.t({ message: 'not HTTP', comment: 'Something answered at a server address, but not in HTTP.' });
    case 'network':
      return vscode.l10n.t({ message: 'network error', comment: 'A server address could not be reached.' });
    case 'http-error':
      return vscode.l10n.t({ message: 'answered with an error', comment: 'A server address answered an HTTP error.' });
    case 'bad-answer':
      return vscode.l10n.t({ message: 'not a Plex server', comment: 'A server address answered, but not as a Plex Media Server does.' });
    case 'other-server':
      return vscode.l10n.t({ message: 'another server answered', comment: 'A different Plex Media Server answered at this server address.' });
    case 'cancelled':
      return vscode.l10n.t({ message: 'cancelled', comment: 'The test of a server address was cancelled.' });
  }
}

/**
 * What to do about a failed connection, when there is advice: a plex.direct name on the local
 * network that did not resolve is what a router's DNS rebinding protection does to it.
 */
export function problemAdvice(connection: PlexConnection, result: IdentityProbe): string | undefined {
  if (result.ok) {
    return undefined;
  }
  if (looksLikeDnsRebindingProtection(connection, result.problem)) {
    return vscode.l10n.t(
      "The router's DNS rebinding protection may block plex.direct names that point to local addresses. Allow plex.direct in the router's DNS settings (Plex's advice), or use the local http connection.",
    );
  }
  if (result.problem === 'other-server') {
    return vscode.l10n.t('Another server, or another device, now uses this address: no token is sent to it.');
  }
  if (result.problem === 'timeout') {
    return vscode.l10n.t('Nothing answered in time: the address may be behind a firewall, or the server is off.');
  }
  return undefined;
}

function reachOf(connection: PlexConnection): string {
  return connection.relay
    ? vscode.l10n.t({ message: 'relay', comment: 'A connection that reaches the server through the Plex relay.' })
    : connection.local
      ? vscode.l10n.t({ message: 'local', comment: 'A connection that reaches the server on the local network.' })
      : vscode.l10n.t({ message: 'remote', comment: 'A connection that reaches the server over the internet.' });
}

/** A connection's row: its URI (which carries no token), how it reaches the server, and the last test's result. */
export function connectionItem(connection: PlexConnection, report: ConnectionReport | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(connection.uri, vscode.TreeItemCollapsibleState.None);
  const kind = [reachOf(connection), connection.protocol, isPlexDirect(connection.uri) ? 'plex.direct' : undefined].filter(
    (part): part is string => part !== undefined,
  );
  const result = report?.results.get(connection.uri);
  item.contextValue = 'plex.connection';
  if (!report) {
    item.description = kind.join(' · ');
    item.tooltip = `${connection.uri}\n${item.description}`;
    item.iconPath = new vscode.ThemeIcon(connection.protocol === 'https' ? 'lock' : 'unlock');
    return item;
  }
  if (!result) {
    item.description = [vscode.l10n.t({ message: 'testing...', comment: 'A server address is being tested.' }), ...kind].join(' · ');
    item.tooltip = `${connection.uri}\n${item.description}`;
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    return item;
  }
  const isBest = report.best?.uri === connection.uri;
  if (result.ok) {
    const reachable = isBest
      ? vscode.l10n.t({ message: 'best', comment: 'The server address the server commands use: the best one that answered.' })
      : vscode.l10n.t({ message: 'reachable', comment: 'A server address that answered.' });
    item.description = [reachable, `${result.latencyMs} ms`, ...kind].join(' · ');
    const token = isBest && report.tokenCheck ? (report.tokenCheck.accepted ? vscode.l10n.t('Your token works here.') : report.tokenCheck.message) : undefined;
    item.tooltip = [connection.uri, item.description, token].filter((part): part is string => part !== undefined).join('\n');
    item.iconPath = new vscode.ThemeIcon(isBest ? 'pass-filled' : 'pass');
    item.contextValue = isBest ? 'plex.connection.best' : 'plex.connection.reachable';
    return item;
  }
  item.description = [problemText(result.problem), ...kind].join(' · ');
  const advice = problemAdvice(connection, result);
  item.tooltip = [connection.uri, item.description, plainText(result.message), advice].filter((part): part is string => part !== undefined).join('\n');
  item.iconPath = new vscode.ThemeIcon(result.problem === 'timeout' ? 'watch' : 'error');
  item.contextValue = 'plex.connection.failed';
  return item;
}

/** Beside the server's name once tested: the best address and its latency, or that none answered. */
export function bestConnectionText(report: ConnectionReport | undefined): string | undefined {
  if (!report) {
    return undefined;
  }
  if (report.best) {
    return `${plainText(hostOf(report.best.uri))} · ${report.best.latencyMs} ms`;
  }
  return report.running
    ? vscode.l10n.t({ message: 'testing...', comment: 'A server address is being tested.' })
    : vscode.l10n.t({ message: 'no connection answered', comment: 'Beside a server: none of its addresses answered the last test.' });
}

function hostOf(uri: string): string {
  try {
    return new URL(uri).host;
  } catch {
    return uri;
  }
}
