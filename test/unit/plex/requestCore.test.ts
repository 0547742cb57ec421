// The request core through the public clients, against stand-in faults: retries and backoff
// (counted in the stand-in's request log), Retry-After, cancellation, timeouts, the body cap,
// redirects, malformed answers, and the redacted client log.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { PlexTvClient, type PlexRequestLogEntry } from '../../../src/plex/index';
import { readCappedBody } from '../../../src/plex/readBody';
import { IDENTITY, assertNoIssuedToken, rejectsWith, serverOf, useStandIn, waitUntil } from './helpers';

const MiB = 1024 * 1024;

suite('request core', () => {
  const harness = useStandIn();
  let token: string;

  setup(() => {
    token = harness.standIn.issueToken('alice');
  });

  /** Milliseconds between consecutive stand-in requests for a route. */
  function gaps(route: 'user' | 'pins.check'): number[] {
    const times = harness.requests(route).map((entry) => entry.time);
    return times.slice(1).map((time, index) => time - (times[index] ?? time));
  }

  suite('retries', () => {
    for (const status of [502, 503, 504]) {
      test(`a GET retries ${status} twice, then succeeds: 3 requests`, async () => {
        harness.standIn.addFault({ route: 'user', fault: { kind: 'status', status }, times: 2 });
        const account = await harness.plexTv().getAccount(token);
        assert.equal(account.username, 'alice');
        assert.deepEqual(
          harness.requests('user').map((entry) => entry.status),
          [status, status, 200],
        );
      });
    }

    test('gives up after 3 retries: 4 requests, then PlexServerError', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'status', status: 503 } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'server-error');
      assert.equal(error.status, 503);
      assert.equal(harness.requests('user').length, 4);
    });

    test('maxRetries: 0 turns retries off', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'status', status: 503 } });
      await rejectsWith(harness.plexTv({ retry: { maxRetries: 0 } }).getAccount(token), 'server-error');
      assert.equal(harness.requests('user').length, 1);
    });

    test('the sign-in POST is never retried: 503 means 1 request', async () => {
      harness.standIn.addFault({ route: 'signin', fault: { kind: 'status', status: 503 } });
      await rejectsWith(harness.plexTv().signIn({ login: 'alice', password: 'alice-password' }), 'server-error');
      assert.equal(harness.requests('signin').length, 1);
    });

    test('a connection reset is retried for a GET, and the call then succeeds', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'reset' }, times: 2 });
      assert.equal((await harness.plexTv().getAccount(token)).username, 'alice');
      assert.equal(harness.requests('user').length, 3);
    });

    test('a reset in the middle of the body is retried too', async () => {
      harness.standIn.addFault({ route: 'resources', fault: { kind: 'reset-mid-body' }, times: 1 });
      const servers = await harness.plexTv().getServers(token);
      assert.equal(servers.length, 2);
      assert.equal(harness.requests('resources').length, 2);
    });

    test('resets on every try end in PlexNetworkError after 4 requests', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'reset' } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'network');
      assert.match(error.message, /^Could not reach 127\.0\.0\.1:\d+: the connection was closed unexpectedly\.$/);
      assert.equal(harness.requests('user').length, 4);
    });

    test('a reset on sign-in is PlexNetworkError after exactly 1 request', async () => {
      harness.standIn.addFault({ route: 'signin', fault: { kind: 'reset' } });
      await rejectsWith(harness.plexTv().signIn({ login: 'alice', password: 'alice-password' }), 'network');
      assert.equal(harness.requests('signin').length, 1);
    });

    test('a refused connection is PlexNetworkError, retried (4 attempts in the client log)', async () => {
      const client = harness.plexTv({ baseUrl: 'http://127.0.0.1:1' });
      const error = await rejectsWith(client.getAccount(token), 'network');
      assert.equal(error.message, 'Could not reach 127.0.0.1:1: the connection was refused.');
      assert.deepEqual(
        harness.clientLog.map((entry) => entry.attempt),
        [1, 2, 3, 4],
      );
    });

    test('backoff grows exponentially (each wait at least half its exponential step)', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'status', status: 503 }, times: 3 });
      await harness.plexTv({ retry: { baseDelayMs: 60, maxDelayMs: 10_000 } }).getAccount(token);
      const measured = gaps('user');
      assert.equal(measured.length, 3);
      [60, 120, 240].forEach((step, index) => {
        const gap = measured[index] ?? 0;
        assert.ok(gap >= step / 2 - 2, `wait ${index + 1} was ${gap} ms, expected at least ${step / 2}`);
      });
      // Loose: only catches waits far beyond the policy, not scheduling noise on a busy machine.
      assert.ok(measured.reduce((sum, gap) => sum + gap, 0) < 3000);
    });

    test('honours Retry-After (1 s) on a 429, then succeeds', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'rate-limit', retryAfterSeconds: 1 }, times: 1 });
      await harness.plexTv().getAccount(token);
      assert.equal(harness.requests('user').length, 2);
      const [gap] = gaps('user');
      assert.ok(gap !== undefined && gap >= 990, `retried after ${gap} ms, Retry-After asked for 1000`);
    });

    test('honours Retry-After on a 503 as well', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'status', status: 503, retryAfterSeconds: 1 }, times: 1 });
      await harness.plexTv().getAccount(token);
      const [gap] = gaps('user');
      assert.ok(gap !== undefined && gap >= 990, `retried after ${gap} ms`);
    });

    test('a Retry-After beyond the cap fails at once with retryAfterSeconds', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'rate-limit', retryAfterSeconds: 120 } });
      const started = Date.now();
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'rate-limited');
      assert.equal((error as { retryAfterSeconds?: number }).retryAfterSeconds, 120);
      assert.match(error.message, /in 120 s/);
      assert.equal(harness.requests('user').length, 1);
      assert.ok(Date.now() - started < 1000);
    });
  });

  suite('cancellation and timeouts', () => {
    test('an already aborted signal rejects with PlexCancelledError and sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      await rejectsWith(harness.plexTv().getAccount(token, { signal: controller.signal }), 'cancelled');
      assert.equal(harness.requests('user').length, 0);
    });

    test('aborting mid-request rejects with PlexCancelledError at once and does not retry', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'hang' } });
      const controller = new AbortController();
      const call = harness.plexTv().getAccount(token, { signal: controller.signal });
      await waitUntil(() => harness.requests('user').length === 1, 'the request to arrive');
      const aborted = Date.now();
      controller.abort();
      const error = await rejectsWith(call, 'cancelled');
      assert.equal(error.name, 'PlexCancelledError');
      assert.ok(Date.now() - aborted < 500);
      assert.equal(harness.requests('user').length, 1);
    });

    test('aborting a sign-in while the body trickles in is PlexCancelledError', async () => {
      harness.standIn.addFault({ route: 'signin', fault: { kind: 'trickle', bytesPerSecond: 100 } });
      const controller = new AbortController();
      const call = harness.plexTv().signIn({ login: 'alice', password: 'alice-password' }, { signal: controller.signal });
      await waitUntil(() => harness.requests('signin')[0]?.status === 201, 'the answer to start');
      controller.abort();
      await rejectsWith(call, 'cancelled');
      assert.equal(harness.requests('signin').length, 1);
    });

    test('aborting during the backoff wait rejects with PlexCancelledError without waiting it out', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'status', status: 503 } });
      const controller = new AbortController();
      const client = new PlexTvClient({
        identity: IDENTITY,
        baseUrl: harness.standIn.plexTvUrl,
        retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
        // The first attempt has failed and been logged: the client is now waiting to retry.
        log: () => controller.abort(),
      });
      const started = Date.now();
      await rejectsWith(client.getAccount(token, { signal: controller.signal }), 'cancelled');
      assert.ok(Date.now() - started < 2000);
      assert.equal(harness.requests('user').length, 1);
    });

    test('a server that never answers is PlexTimeoutError after the timeout, not retried', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'hang' } });
      const started = Date.now();
      const error = await rejectsWith(harness.plexTv({ timeoutMs: 150 }).getAccount(token), 'timeout');
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 140 && elapsed < 1500, `took ${elapsed} ms`);
      assert.match(error.message, /did not answer within 150 ms/);
      assert.equal(harness.requests('user').length, 1);
    });

    test('the per-call timeoutMs overrides the client default', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'slow', delayMs: 3000 } });
      await rejectsWith(harness.plexTv({ timeoutMs: 10_000 }).getAccount(token, { timeoutMs: 100 }), 'timeout');
    });

    test('a slow answer inside the timeout succeeds', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'slow', delayMs: 50 }, times: 1 });
      assert.equal((await harness.plexTv({ timeoutMs: 2000 }).getAccount(token)).username, 'alice');
    });

    test('the timeout covers reading the body (a trickling answer)', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'trickle', bytesPerSecond: 200 } });
      await rejectsWith(harness.plexTv({ timeoutMs: 300 }).getAccount(token), 'timeout');
    });

    test('cancellation wins over a timeout', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'hang' } });
      const controller = new AbortController();
      const call = harness.plexTv({ timeoutMs: 5000 }).getAccount(token, { signal: controller.signal });
      await waitUntil(() => harness.requests('user').length === 1, 'the request to arrive');
      controller.abort();
      await rejectsWith(call, 'cancelled');
    });
  });

  suite('bad answers', () => {
    test('a body over 1 MiB (chunked) is PlexResponseError, and is not retried', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'oversized' } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /larger than 1024 KiB/);
      assert.equal(harness.requests('user').length, 1);
    });

    test('a declared Content-Length over 1 MiB is refused before reading', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'oversized', bytes: 50 * MiB, declareLength: true } });
      const started = Date.now();
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /larger than 1024 KiB/);
      assert.ok(Date.now() - started < 2000);
      // The header alone decides: not one byte of the body is asked for, and the connection is dropped.
      let read = false;
      let dropped = false;
      const body = new Readable({
        read() {
          read = true;
          this.push(null);
        },
      });
      await assert.rejects(readCappedBody(body, String(50 * MiB), MiB, 'h', () => (dropped = true)), /larger than 1024 KiB/);
      assert.equal(read, false, 'the body was read');
      assert.equal(dropped, true, 'the connection was kept');
    });

    test('a body of exactly 1 MiB is read (and then decoded)', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'oversized', bytes: MiB } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /field "user\.id": expected number, got nothing/);
    });

    test('one byte more is over the cap', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'oversized', bytes: MiB + 1 } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /larger than/);
    });

    test('malformed JSON is PlexResponseError', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'malformed-json' } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /malformed JSON/);
      assertNoIssuedToken(harness.standIn, error.message);
    });

    test('XML where JSON is required is PlexResponseError (wrong content type)', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'xml' } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /sent XML where JSON was expected/);
      assertNoIssuedToken(harness.standIn, error.message);
    });

    test('an HTML error page is PlexServerError with its status; HTML with 200 is PlexResponseError', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'html-error', status: 500 }, times: 1 });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'server-error');
      assert.equal(error.status, 500);
      assert.ok(!error.message.includes('<'), 'no raw body in the message');
      harness.standIn.addFault({ route: 'user', fault: { kind: 'html-error', status: 200 }, times: 1 });
      const ok = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(ok.message, /an HTML page where JSON was expected/);
    });

    test('a missing required field is PlexResponseError naming it', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'missing-field', field: 'email' } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /field "user\.email": expected string, got nothing/);
      assert.equal((error as { field?: string }).field, 'user.email');
    });

    test('a wrong type is PlexResponseError naming the field and never echoing the value', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'wrong-type', field: 'id' } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /field "user\.id": expected number, got string/);
      assert.ok(!error.message.includes('not-a-number'));
    });

    test('a sign-in answer without authToken is PlexResponseError', async () => {
      harness.standIn.addFault({ route: 'signin', fault: { kind: 'missing-field', field: 'authToken' } });
      const error = await rejectsWith(harness.plexTv().signIn({ login: 'alice', password: 'alice-password' }), 'bad-response');
      assert.match(error.message, /field "user\.authToken"/);
    });

    test('a wrong connection type in resources names the device and connection', async () => {
      harness.standIn.addFault({ route: 'resources', fault: { kind: 'wrong-type', field: '1.connections.0.local' } });
      const error = await rejectsWith(harness.plexTv().getServers(token), 'bad-response');
      assert.match(error.message, /field "resources\[1\]\.connections\[0\]\.local": expected boolean, got string/);
    });

    test('a 400 with a Plex code keeps status, code and a short explanation', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'status', status: 400, code: 1000, message: 'Something is missing' } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'server-error');
      assert.equal(error.status, 400);
      assert.equal(error.plexCode, 1000);
      assert.match(error.message, /answered with HTTP 400\. Plex said: "Something is missing"\./);
    });

    test('a Plex error message carrying a token is redacted', async () => {
      harness.standIn.addFault({
        route: 'user',
        fault: { kind: 'status', status: 400, code: 1000, message: `bad X-Plex-Token=${token} and transient-abc` },
      });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'server-error');
      assert.ok(!error.message.includes(token));
      assert.ok(!error.message.includes('transient-abc'));
      assert.match(error.message, /X-Plex-Token=\*\*\*/);
    });
  });

  suite('redirects', () => {
    test('a same-origin redirect is followed', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'redirect', location: '/api/v2/user' }, times: 1 });
      assert.equal((await harness.plexTv().getAccount(token)).username, 'alice');
      assert.deepEqual(
        harness.requests('user').map((entry) => entry.status),
        [302, 200],
      );
    });

    test('a redirect to another origin is refused: the token never reaches it', async () => {
      const elsewhere = serverOf(harness.standIn, "Alice's Library");
      harness.standIn.addFault({ route: 'user', fault: { kind: 'redirect', location: `${elsewhere.url}/identity`, status: 307 } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /redirected the request to another site \(http:\/\/127\.0\.0\.1:\d+\); it was not followed/);
      assert.equal(harness.standIn.log().filter((entry) => entry.host === elsewhere.clientIdentifier).length, 0);
      assert.equal(harness.requests('user').length, 1);
    });

    test('a sign-in redirected to another origin does not send the password there', async () => {
      const elsewhere = serverOf(harness.standIn, "Alice's Cloud");
      harness.standIn.addFault({ route: 'signin', fault: { kind: 'redirect', location: `${elsewhere.url}/security/token`, status: 308 } });
      await rejectsWith(harness.plexTv().signIn({ login: 'alice', password: 'alice-password' }), 'bad-response');
      assert.equal(harness.standIn.log().filter((entry) => entry.host === elsewhere.clientIdentifier).length, 0);
    });

    test('more than 3 redirects is PlexResponseError', async () => {
      harness.standIn.addFault({ route: 'user', fault: { kind: 'redirect', location: '/api/v2/user' } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'bad-response');
      assert.match(error.message, /too many times/);
      assert.equal(harness.requests('user').length, 4);
    });
  });

  suite('client log', () => {
    test('one redacted entry per exchange: origin and path only, attempts numbered, errors in words and by kind', async () => {
      harness.standIn.addFault({ route: 'resources', fault: { kind: 'status', status: 503 }, times: 1 });
      await harness.plexTv().getServers(token);
      const server = serverOf(harness.standIn, "Alice's Library");
      await harness.mediaServer(server.url).getTransientToken(token);
      const entries: PlexRequestLogEntry[] = harness.clientLog;
      assert.deepEqual(
        entries.map(({ method, url, attempt, status }) => ({ method, url, attempt, status })),
        [
          { method: 'GET', url: `${harness.standIn.plexTvUrl}/api/v2/resources`, attempt: 1, status: 503 },
          { method: 'GET', url: `${harness.standIn.plexTvUrl}/api/v2/resources`, attempt: 2, status: 200 },
          { method: 'GET', url: `${server.url}/security/token`, attempt: 1, status: 200 },
        ],
      );
      assert.match(entries[0]?.error ?? '', /answered with HTTP 503/);
      assert.deepEqual(entries.map((entry) => entry.kind), ['server-error', undefined, undefined], 'a failed exchange names its failure kind');
      assert.ok(entries.every((entry) => entry.durationMs >= 0));
      assertNoIssuedToken(harness.standIn, JSON.stringify(entries));
    });

    test('a logger that throws does not break the call', async () => {
      const client = new PlexTvClient({
        identity: IDENTITY,
        baseUrl: harness.standIn.plexTvUrl,
        log: () => {
          throw new Error('logger broke');
        },
      });
      assert.equal((await client.getAccount(token)).username, 'alice');
    });
  });
});
