// The connection doctor's probe and ranking against the stand-in's Dave's Server over real
// sockets: one connection refuses, one answers after the timeout, one answers as another server,
// one answers. Probes run in parallel, send no token, and the best-ranked answer wins as soon as
// every better-ranked connection has failed.
import * as assert from 'node:assert/strict';
import { ConnectionSecurity } from '../../src/auth/gateway/connectionSecurity';
import { probeIdentity, type IdentityProbe } from '../../src/plex/connectionProbe';
import type { PlexConnection, PlexServer } from '../../src/plex/types';
import { firstAnswering, looksLikeDnsRebindingProtection, rankConnections } from '../../src/servers/connectionRanking';
import { DAVE_CONNECTIONS } from '../standin/accounts';
import { rejectsWith, useStandIn, type Harness } from './plex/helpers';

const DAVE = "Dave's Server";
const LIBRARY_ID = 'a11ce0000000000000000000000000000000001';
const TIMEOUT_MS = 600;

suite('Connection doctor: probes and ranking against the stand-in', () => {
  const harness = useStandIn();
  const security = new ConnectionSecurity();

  async function daveServer(): Promise<PlexServer> {
    const servers = await harness.plexTv().getServers(harness.standIn.issueToken('dave'));
    const server = servers.find((candidate) => candidate.name === DAVE);
    assert.ok(server, "plex.tv lists Dave's Server");
    return server;
  }

  /** The seed's connection `index` as plex.tv lists it. */
  function seeded(server: PlexServer, index: number): PlexConnection {
    const url = harness.standIn.servers.find((candidate) => candidate.name === DAVE)?.url;
    assert.ok(url);
    const byIndex = [...server.connections].sort((a, b) => seedIndex(a) - seedIndex(b));
    return byIndex[index];
    function seedIndex(connection: PlexConnection): number {
      // plex.tv lists them in the seed's order; the decoder ranks them, so find each by what it is.
      if (connection.uri === 'https://127.0.0.1:1') return DAVE_CONNECTIONS.refused;
      if (connection.local) return DAVE_CONNECTIONS.good;
      return server.connections.filter((c) => !c.local).indexOf(connection) === 0 ? DAVE_CONNECTIONS.slow : DAVE_CONNECTIONS.impostor;
    }
  }

  function probeAll(server: PlexServer, timeoutMs = TIMEOUT_MS, signal?: AbortSignal) {
    return rankConnections(server.connections, (uri) => security.isSecure(uri)).map((connection) => ({
      uri: connection.uri,
      connection,
      result: probeIdentity(connection.uri, client(harness, connection.uri), { machineIdentifier: server.clientIdentifier, timeoutMs, ...(signal ? { signal } : {}) }),
    }));
  }

  test('ranks local https, then local http (loopback is secure), then remote; plain http to another computer last', async () => {
    const server = await daveServer();
    const ranked = rankConnections(server.connections, (uri) => security.isSecure(uri));
    assert.deepEqual(
      ranked.map((connection) => connection.uri),
      [seeded(server, DAVE_CONNECTIONS.refused), seeded(server, DAVE_CONNECTIONS.good), seeded(server, DAVE_CONNECTIONS.slow), seeded(server, DAVE_CONNECTIONS.impostor)].map(
        (connection) => connection.uri,
      ),
    );
    // With none of these addresses this computer's, the https one leads and plain http follows in place order.
    const remoteComputer = new ConnectionSecurity(() => false);
    const asRemote = rankConnections(
      [
        { ...seeded(server, DAVE_CONNECTIONS.good), uri: 'http://192.0.2.1:32400' },
        { ...seeded(server, DAVE_CONNECTIONS.good), uri: 'https://192.0.2.2:32400', protocol: 'https', relay: true, local: false },
        { ...seeded(server, DAVE_CONNECTIONS.good), uri: 'https://192.0.2.3:32400', protocol: 'https', local: false },
      ],
      (uri) => remoteComputer.isSecure(uri),
    );
    assert.deepEqual(
      asRemote.map((connection) => connection.uri),
      ['https://192.0.2.3:32400', 'https://192.0.2.2:32400', 'http://192.0.2.1:32400'],
    );
  });

  test('each connection gets its own result: refused, timed out, another server answered, reachable; no token is sent', async () => {
    const server = await daveServer();
    const results = await Promise.all(probeAll(server).map((probe) => probe.result));
    const byUri = new Map(results.map((result) => [result.uri, result]));
    const problem = (index: number): string | undefined => {
      const result = byUri.get(seeded(server, index).uri);
      return result?.ok ? 'ok' : result?.problem;
    };
    assert.equal(problem(DAVE_CONNECTIONS.refused), 'refused');
    assert.equal(problem(DAVE_CONNECTIONS.slow), 'timeout');
    assert.equal(problem(DAVE_CONNECTIONS.impostor), 'other-server');
    assert.equal(problem(DAVE_CONNECTIONS.good), 'ok');
    const impostor = byUri.get(seeded(server, DAVE_CONNECTIONS.impostor).uri);
    assert.ok(impostor && !impostor.ok && impostor.answeredAs === LIBRARY_ID, 'the impostor answered as Alice\'s Library');
    const identities = harness.requests('pms.identity');
    // The slow connection's listener logs its request only when it answers (after 30 s).
    assert.equal(identities.length, 2, 'the two answering connections were asked /identity');
    assert.deepEqual(identities.filter((entry) => 'x-plex-token' in entry.headers), [], 'no /identity request carried a token');
    assert.ok(identities.every((entry) => !/token/i.test(entry.path)), 'no token in a query either');
  });

  test('the probes run in parallel: the whole probe takes about the slowest connection up to the timeout, not the sum', async () => {
    const server = await daveServer();
    harness.standIn.setConnectionDelay(dave(harness), DAVE_CONNECTIONS.good, 400);
    harness.standIn.setConnectionDelay(dave(harness), DAVE_CONNECTIONS.impostor, 400);
    try {
      const started = performance.now();
      const results = await Promise.all(probeAll(server).map((probe) => probe.result));
      const elapsed = performance.now() - started;
      // Sequential would be at least 600 (timeout) + 400 + 400 ms.
      assert.ok(elapsed >= TIMEOUT_MS - 20, `took ${elapsed} ms: the slow connection ran to its timeout`);
      assert.ok(elapsed < TIMEOUT_MS + 350, `took ${elapsed} ms, about the slowest (${TIMEOUT_MS} ms), not the sum (1400 ms)`);
      const slow = results.find((result) => result.uri === seeded(server, DAVE_CONNECTIONS.slow).uri);
      assert.ok(slow && !slow.ok && slow.problem === 'timeout' && slow.latencyMs >= TIMEOUT_MS - 20);
    } finally {
      harness.standIn.reset();
    }
  });

  test('the best answer is taken as soon as every better-ranked connection failed: the slow one is not waited for', async () => {
    const server = await daveServer();
    const stop = new AbortController();
    const started = performance.now();
    const best = await firstAnswering(probeAll(server, 5000, stop.signal));
    const elapsed = performance.now() - started;
    stop.abort();
    assert.equal(best?.uri, seeded(server, DAVE_CONNECTIONS.good).uri);
    assert.ok(elapsed < 1000, `took ${elapsed} ms: the slow connection (30 s) and the 5 s timeout were not waited for`);
  });

  test('a dead and a slow connection listed ahead of the good one cost less than 100 ms over the good one alone', async () => {
    const server = await daveServer();
    const good = seeded(server, DAVE_CONNECTIONS.good);
    const alone: PlexServer = { ...server, connections: [good] };
    const median = async (candidate: PlexServer): Promise<number> => {
      const times: number[] = [];
      for (let run = 0; run < 5; run++) {
        const stop = new AbortController();
        const started = performance.now();
        const best = await firstAnswering(probeAll(candidate, 5000, stop.signal));
        times.push(performance.now() - started);
        stop.abort(); // The slow connection's probe is not left running.
        assert.equal(best?.uri, good.uri);
      }
      return times.sort((a, b) => a - b)[2];
    };
    const withAll = await median(server);
    const goodAlone = await median(alone);
    assert.ok(withAll < goodAlone + 100, `all four connections: ${withAll.toFixed(1)} ms; the good one alone: ${goodAlone.toFixed(1)} ms`);
  });

  test('a better-ranked connection that can still answer is waited for, even when a worse one answered first', async () => {
    const base = await daveServer();
    const good = seeded(base, DAVE_CONNECTIONS.good);
    const own = harness.standIn.servers.find((candidate) => candidate.name === DAVE)?.url;
    assert.ok(own);
    // The server's own listener, listed as remote: it answers at once, but ranks after the local one.
    const server: PlexServer = { ...base, connections: [{ ...good, uri: own, local: false }, good] };
    harness.standIn.setConnectionDelay(dave(harness), DAVE_CONNECTIONS.good, 300);
    try {
      const started = performance.now();
      const best = await firstAnswering(probeAll(server, 2000));
      const elapsed = performance.now() - started;
      assert.equal(best?.uri, good.uri);
      assert.ok(elapsed >= 280, `took ${elapsed} ms: it waited for the better-ranked connection`);
    } finally {
      harness.standIn.reset();
    }
  });

  test('none answering: undefined, every result a failure', async () => {
    const base = await daveServer();
    const server: PlexServer = {
      ...base,
      connections: base.connections.filter((connection) => connection.uri !== seeded(base, DAVE_CONNECTIONS.good).uri),
    };
    const probes = probeAll(server, 300);
    assert.equal(await firstAnswering(probes), undefined);
    const results: IdentityProbe[] = await Promise.all(probes.map((probe) => probe.result));
    assert.ok(results.every((result) => !result.ok));
  });

  test('TLS failed: https to a listener that speaks plain http', async () => {
    const server = await daveServer();
    const good = new URL(seeded(server, DAVE_CONNECTIONS.good).uri);
    const uri = `https://${good.host}`;
    const result = await probeIdentity(uri, client(harness, uri), { machineIdentifier: server.clientIdentifier, timeoutMs: 2000 });
    assert.equal(result.ok ? 'ok' : result.problem, 'tls');
  });

  test('DNS failed: a name that does not resolve', async () => {
    const uri = 'http://plex-doctor-test.invalid:32400';
    const result = await probeIdentity(uri, client(harness, uri), { machineIdentifier: 'x', timeoutMs: 4000 });
    assert.equal(result.ok ? 'ok' : result.problem, 'dns');
  });

  test("the token check (GET /) passes with the owner's token and is token-invalid with another account's", async () => {
    const server = await daveServer();
    const good = client(harness, seeded(server, DAVE_CONNECTIONS.good).uri);
    await good.checkToken(harness.standIn.issueToken('dave'));
    await rejectsWith(good.checkToken(harness.standIn.issueToken('bob')), 'token-invalid');
    const [root] = harness.requests('pms.root');
    assert.equal(root?.headers['x-plex-token'], '***', 'the token went in the header');
  });

  test('the identity is read from XML as from JSON', async () => {
    const server = await daveServer();
    const uri = seeded(server, DAVE_CONNECTIONS.good).uri;
    harness.standIn.addFault({ route: 'pms.identity', fault: { kind: 'xml' }, times: 1 });
    const result = await probeIdentity(uri, client(harness, uri), { machineIdentifier: server.clientIdentifier, timeoutMs: 2000 });
    assert.ok(result.ok, JSON.stringify(result));
  });

  test('a local plex.direct name that did not resolve is what DNS rebinding protection does; nothing else is', () => {
    const plexDirect = 'https://192-168-1-5.0123456789abcdef0123456789abcdef.plex.direct:32400';
    assert.equal(looksLikeDnsRebindingProtection({ uri: plexDirect, local: true }, 'dns'), true);
    assert.equal(looksLikeDnsRebindingProtection({ uri: plexDirect, local: false }, 'dns'), false, 'a remote name is not rebinding');
    assert.equal(looksLikeDnsRebindingProtection({ uri: plexDirect, local: true }, 'refused'), false, 'it resolved');
    assert.equal(looksLikeDnsRebindingProtection({ uri: 'http://192.168.1.5:32400', local: true }, 'dns'), false, 'not a plex.direct name');
    assert.equal(looksLikeDnsRebindingProtection({ uri: 'https://evil.example/x.plex.direct', local: true }, 'dns'), false, 'the path does not count');
  });

  test('cancelled: the caller stops the probes', async () => {
    const server = await daveServer();
    const controller = new AbortController();
    const probes = probeAll(server, 5000, controller.signal);
    controller.abort();
    const results = await Promise.all(probes.map((probe) => probe.result));
    assert.ok(results.every((result) => !result.ok && result.problem === 'cancelled'), JSON.stringify(results.map((r) => (r.ok ? 'ok' : r.problem))));
  });
});

function dave(harness: Harness): string {
  const server = harness.standIn.servers.find((candidate) => candidate.name === DAVE);
  assert.ok(server);
  return server.clientIdentifier;
}

function client(harness: Harness, uri: string) {
  return harness.mediaServer(uri, { timeoutMs: 5000 });
}
