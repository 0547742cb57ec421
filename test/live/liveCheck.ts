// The read-only operations, through the service layer, against a real plex.tv (or whatever
// PLEX_TV_URL points at): the account, a ping, the resources, and for the first server that
// answers, a transient token and the source connection information. Each answer is decoded by the
// service layer's decoders and its raw exchange (seen by a recording proxy) checked against the specs.
import { PlexMediaServerClient, PlexTvClient, isPlexError, type PlexServer } from '../../src/plex/index';
import { checkExchange } from '../spec/conformance';
import { deviationFor } from '../spec/deviations';
import { plexSpecs, type PlexSpecs } from '../spec/specs';
import { type RecordingProxy, startRecordingProxy } from './recordingProxy';

export interface LiveCheckOptions {
  token: string;
  plexTvUrl: string;
  /** Use this server instead of the first one from the resources that answers. */
  serverUrl?: string;
  clientIdentifier: string;
  timeoutMs?: number;
}

export interface LiveRow {
  operation: string;
  status: string;
  ms: string;
  /** 'ok', or the service layer's error kind. */
  decoded: string;
  spec: string;
  deviations: string;
  /** Findings no listed deviation explains (keys only: they never carry a value). */
  unlisted: string[];
  ok: boolean;
  /** A server connection tried in turn: one that never answered is no failure of the check. */
  attempt: boolean;
}

export interface LiveReport {
  rows: LiveRow[];
  /** Every secret the check handled, for the printer to mask on top of the redaction helper. */
  secrets: string[];
  notes: string[];
}

const SERVER_TIMEOUT_MS = 8_000;
const IDENTITY_BASE = { product: 'Plex for VS Code (live check)', version: '0.1.0', platform: process.platform, device: 'Live check' };

async function measure<T>(
  specs: PlexSpecs,
  proxy: RecordingProxy,
  operation: string,
  run: () => Promise<T>,
  rows: LiveRow[],
  attempt = false,
): Promise<T | undefined> {
  const before = proxy.exchanges.length;
  const started = Date.now();
  let decoded = 'ok';
  let value: T | undefined;
  try {
    value = await run();
  } catch (error) {
    decoded = isPlexError(error) ? error.kind : 'failed';
  }
  const exchanges = proxy.exchanges.slice(before);
  const findings = exchanges.flatMap((exchange) => checkExchange(specs, exchange, true).findings);
  const deviations = [...new Set(findings.map((finding) => deviationFor(finding.key)?.id).filter((id): id is string => id !== undefined))];
  const unlisted = [...new Set(findings.filter((finding) => deviationFor(finding.key) === undefined).map((finding) => finding.key))];
  const last = exchanges.at(-1);
  rows.push({
    operation,
    status: last === undefined ? '-' : String(last.status),
    ms: String(last?.durationMs ?? Date.now() - started),
    decoded,
    spec: exchanges.length === 0 ? 'not checked' : unlisted.length === 0 ? (deviations.length === 0 ? 'conforms' : 'conforms, with listed deviations') : `${unlisted.length} unlisted finding(s)`,
    deviations: deviations.join(', ') || '-',
    unlisted,
    ok: decoded === 'ok' && unlisted.length === 0,
    attempt,
  });
  return value;
}

/** Candidate (server, connection URI) pairs, best first; PLEX_SERVER_URL alone when given. */
function candidates(servers: PlexServer[], serverUrl: string | undefined): { server: PlexServer | undefined; uri: string }[] {
  if (serverUrl !== undefined) {
    const origin = new URL(serverUrl).origin;
    const server = servers.find((candidate) => candidate.connections.some((connection) => new URL(connection.uri).origin === origin)) ?? servers[0];
    return [{ server, uri: serverUrl }];
  }
  return servers.flatMap((server) => server.connections.map((connection) => ({ server, uri: connection.uri })));
}

export async function runLiveCheck(options: LiveCheckOptions): Promise<LiveReport> {
  const specs = await plexSpecs();
  const rows: LiveRow[] = [];
  const secrets = [options.token];
  const notes: string[] = [];
  const proxies: RecordingProxy[] = [];
  const identity = { ...IDENTITY_BASE, clientIdentifier: options.clientIdentifier };
  const timeoutMs = options.timeoutMs ?? 15_000;
  try {
    const plexTvProxy = await startRecordingProxy(options.plexTvUrl, 'plex.tv');
    proxies.push(plexTvProxy);
    const plexTv = new PlexTvClient({ identity, baseUrl: plexTvProxy.url, timeoutMs, retry: { maxRetries: 0 } });
    await measure(specs, plexTvProxy, 'account (GET /api/v2/user)', () => plexTv.getAccount(options.token), rows);
    await measure(specs, plexTvProxy, 'ping (GET /api/v2/ping)', () => plexTv.ping(options.token), rows);
    const servers = (await measure(specs, plexTvProxy, 'resources (GET /api/v2/resources)', () => plexTv.getServers(options.token), rows)) ?? [];
    for (const server of servers) if (server.accessToken !== undefined) secrets.push(server.accessToken);

    for (const { server, uri } of candidates(servers, options.serverUrl)) {
      const proxy = await startRecordingProxy(uri, 'pms');
      proxies.push(proxy);
      // A connection that is not reachable from here should not hold the check up for long.
      const pms = new PlexMediaServerClient({ identity, baseUrl: proxy.url, timeoutMs: Math.min(timeoutMs, SERVER_TIMEOUT_MS), retry: { maxRetries: 0 } });
      const token = server?.accessToken ?? options.token;
      const name = server?.name ?? 'server';
      const transient = await measure(specs, proxy, `transient token, ${name} (GET /security/token)`, () => pms.getTransientToken(token), rows, true);
      if (transient === undefined) continue;
      secrets.push(transient);
      if (server === undefined) {
        notes.push('No server in the resources to name as the source; source connection information skipped.');
        break;
      }
      const information = await measure(specs, proxy, `source connection information, ${name} (GET /security/resources)`, () => pms.getSourceConnectionInformation(token, `server://${server.clientIdentifier}`), rows);
      if (information?.accessToken !== undefined) secrets.push(information.accessToken);
      break;
    }
    if (!rows.some((row) => row.operation.startsWith('transient token') && row.decoded === 'ok')) {
      notes.push('No server answered, so the server operations could not be checked.');
    }
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.close()));
  }
  return { rows, secrets, notes };
}
