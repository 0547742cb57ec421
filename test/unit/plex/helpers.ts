// Shared set-up for the service-layer tests: a stand-in per suite, clients wired to it with
// small timeouts and retry delays, and helpers to assert on errors and the stand-in's log.
import * as assert from 'node:assert/strict';
import {
  PlexMediaServerClient,
  PlexTvClient,
  isPlexError,
  type PlexClientIdentity,
  type PlexError,
  type PlexErrorKind,
  type PlexRequestLogEntry,
  type PlexRetryOptions,
} from '../../../src/plex/index';
import { startStandIn, type StandIn, type StandInLogEntry, type StandInRoute } from '../../standin/index';
import { secretsIn } from '../../harness/secretScanner';

export const IDENTITY: PlexClientIdentity = {
  clientIdentifier: 'unit-test-client-0001',
  product: 'Plex for VS Code (tests)',
  version: '0.0.1',
  platform: 'linux',
  platformVersion: '20',
  device: 'Unit tests',
  deviceName: 'Unit tests',
};

/** Fast retries so the suite stays quick; the retry logic is the same as in production. */
export const FAST_RETRY: PlexRetryOptions = { baseDelayMs: 5, maxDelayMs: 20 };

export interface Harness {
  standIn: StandIn;
  /** Every entry the clients logged since set-up, in order. */
  clientLog: PlexRequestLogEntry[];
  plexTv(options?: { timeoutMs?: number; retry?: PlexRetryOptions; baseUrl?: string }): PlexTvClient;
  mediaServer(baseUrl: string, options?: { timeoutMs?: number; retry?: PlexRetryOptions }): PlexMediaServerClient;
  /** Stand-in log entries for one route. */
  requests(route: StandInRoute): StandInLogEntry[];
}

/** Starts a stand-in before the suite and closes it after; faults and logs are reset per test. */
export function useStandIn(): Harness {
  const harness = {
    clientLog: [] as PlexRequestLogEntry[],
    plexTv(options: { timeoutMs?: number; retry?: PlexRetryOptions; baseUrl?: string } = {}) {
      return new PlexTvClient({
        identity: IDENTITY,
        baseUrl: options.baseUrl ?? harness.standIn.plexTvUrl,
        timeoutMs: options.timeoutMs ?? 5000,
        retry: options.retry ?? FAST_RETRY,
        log: (entry) => harness.clientLog.push(entry),
      });
    },
    mediaServer(baseUrl: string, options: { timeoutMs?: number; retry?: PlexRetryOptions } = {}) {
      return new PlexMediaServerClient({
        identity: IDENTITY,
        baseUrl,
        timeoutMs: options.timeoutMs ?? 5000,
        retry: options.retry ?? FAST_RETRY,
        log: (entry) => harness.clientLog.push(entry),
      });
    },
    requests(route: StandInRoute) {
      return harness.standIn.log().filter((entry) => entry.route === route);
    },
  } as Harness;

  suiteSetup(async () => {
    harness.standIn = await startStandIn();
  });
  setup(() => {
    harness.standIn.clearFaults();
    harness.standIn.clearLog();
    harness.clientLog.length = 0;
  });
  teardown(() => {
    // No test may have put a token in a URL or otherwise broken the protocol.
    assert.deepEqual(harness.standIn.violations(), []);
  });
  suiteTeardown(async () => {
    await harness.standIn?.close();
  });
  return harness;
}

/** Awaits a rejection and checks it is a PlexError of `kind`; returns it for further checks. */
export async function rejectsWith(promise: Promise<unknown>, kind: PlexErrorKind): Promise<PlexError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isPlexError(error), `expected a PlexError, got ${String(error)}`);
    assert.equal(error.kind, kind, `expected kind ${kind}, got ${error.kind}: ${error.message}`);
    return error;
  }
  assert.fail(`expected a ${kind} error, but the call succeeded`);
}

/** Polls `condition` every few ms until it holds; fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A stand-in server by name, with its URL. */
export function serverOf(standIn: StandIn, name: string): { clientIdentifier: string; url: string } {
  const server = standIn.servers.find((candidate) => candidate.name === name);
  assert.ok(server, `no stand-in server named ${name}`);
  return server;
}

/** Asserts that no token the stand-in issued appears in `text`, in any encoding the scanner knows. */
export function assertNoIssuedToken(standIn: StandIn, text: string): void {
  const issued = standIn.issuedTokens().map((value, index) => ({ label: `issued token #${index}`, value }));
  assert.deepEqual(secretsIn(issued, { text }), [], 'an issued token leaked into the text');
}
