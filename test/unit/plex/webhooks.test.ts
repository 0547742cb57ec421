// PlexTvWebhooks and WebhookSender over real sockets: plex.tv's webhook list on the stand-in (a
// Plex Pass account and one without), request counts from the stand-in's log, and test events
// to a real receiver that parses the multipart body as a webhook receiver does.
import * as assert from 'node:assert/strict';
import {
  PlexTvWebhooks,
  WEBHOOK_EVENTS,
  WebhookSender,
  webhookPayload,
  webhookUrlProblem,
  type PlexRequestLogEntry,
  type WebhookEventSource,
} from '../../../src/plex/index';
import { WebhookReceiver } from '../../receiver/webhookReceiver';
import { FAST_RETRY, IDENTITY, assertNoIssuedToken, rejectsWith, useStandIn, type Harness } from './helpers';

function webhooks(harness: Harness): PlexTvWebhooks {
  return new PlexTvWebhooks({
    identity: IDENTITY,
    baseUrl: harness.standIn.plexTvUrl,
    timeoutMs: 5000,
    retry: FAST_RETRY,
    log: (entry) => harness.clientLog.push(entry),
  });
}

const SOURCE: WebhookEventSource = {
  account: { id: 13692264, title: 'Carol', thumb: 'https://plex.tv/users/abc/avatar?c=1' },
  server: { name: "Carol's Server", clientIdentifier: 'c4r01000000000000000000000000000000000001' },
  player: { title: 'Visual Studio Code', uuid: 'unit-test-client-0001' },
};

suite('PlexTvWebhooks: the webhook list at plex.tv', () => {
  const harness = useStandIn();
  setup(() => harness.standIn.reset());

  test('lists the account’s webhooks with one request, token in the header', async () => {
    harness.standIn.setWebhooks('carol', ['https://example.com/a', 'https://example.com/b']);
    harness.standIn.clearLog();
    const urls = await webhooks(harness).listWebhooks(harness.standIn.issueToken('carol'));
    assert.deepEqual(urls, ['https://example.com/a', 'https://example.com/b']);
    const log = harness.standIn.log();
    assert.deepEqual(log.map((entry) => `${entry.method} ${entry.route} ${entry.status}`), ['GET webhooks.list 200']);
    assert.equal(log[0]?.headers['x-plex-token'], '***');
  });

  test('add is two requests (read, write) and keeps a URL added elsewhere after the list was shown', async () => {
    const token = harness.standIn.issueToken('carol');
    const client = webhooks(harness);
    assert.deepEqual(await client.listWebhooks(token), []);
    // Another window (or the Plex web app) adds one after this window read the list.
    harness.standIn.setWebhooks('carol', ['https://elsewhere.example/hook']);
    harness.standIn.clearLog();
    const change = await client.addWebhook(token, 'https://example.com/new');
    assert.deepEqual(change, { urls: ['https://elsewhere.example/hook', 'https://example.com/new'], changed: true });
    assert.deepEqual(harness.standIn.webhooks('carol'), ['https://elsewhere.example/hook', 'https://example.com/new']);
    const log = harness.standIn.log();
    assert.deepEqual(log.map((entry) => `${entry.method} ${entry.route} ${entry.status}`), ['GET webhooks.list 200', 'POST webhooks.set 200']);
  });

  test('adding a URL already listed writes nothing', async () => {
    harness.standIn.setWebhooks('carol', ['https://example.com/a']);
    harness.standIn.clearLog();
    const change = await webhooks(harness).addWebhook(harness.standIn.issueToken('carol'), 'https://example.com/a');
    assert.deepEqual(change, { urls: ['https://example.com/a'], changed: false });
    assert.deepEqual(harness.standIn.log().map((entry) => entry.route), ['webhooks.list']);
  });

  test('remove is two requests and keeps the others; removing the last sends urls= (an empty list)', async () => {
    const token = harness.standIn.issueToken('carol');
    harness.standIn.setWebhooks('carol', ['https://example.com/a', 'https://example.com/b']);
    harness.standIn.clearLog();
    const client = webhooks(harness);
    assert.deepEqual(await client.removeWebhook(token, 'https://example.com/a'), { urls: ['https://example.com/b'], changed: true });
    assert.deepEqual(harness.standIn.log().map((entry) => entry.route), ['webhooks.list', 'webhooks.set']);
    harness.standIn.clearLog();
    assert.deepEqual(await client.removeWebhook(token, 'https://example.com/b'), { urls: [], changed: true });
    assert.deepEqual(harness.standIn.webhooks('carol'), []);
    assert.deepEqual(harness.standIn.log().map((entry) => entry.route), ['webhooks.list', 'webhooks.set']);
  });

  test('the write is form fields urls[] per URL, in order', async () => {
    const token = harness.standIn.issueToken('carol');
    const urls = ['https://example.com/a?x=1&y=2', 'http://10.0.0.5:8123/api/webhook/plex'];
    assert.deepEqual(await webhooks(harness).setWebhooks(token, urls), urls);
    assert.deepEqual(harness.standIn.webhooks('carol'), urls);
  });

  test('an account without Plex Pass is refused with plex-pass-required, for reading and writing alike', async () => {
    const token = harness.standIn.issueToken('bob');
    const client = webhooks(harness);
    const listed = await rejectsWith(client.listWebhooks(token), 'plex-pass-required');
    assert.equal(listed.status, 403);
    await rejectsWith(client.addWebhook(token, 'https://example.com/a'), 'plex-pass-required');
    assert.deepEqual(harness.standIn.log().map((entry) => `${entry.route} ${entry.status}`), ['webhooks.list 403', 'webhooks.list 403']);
  });

  test('a refused token is token-invalid (the session expires), not a Plex Pass question', async () => {
    await rejectsWith(webhooks(harness).listWebhooks('not-a-live-token'), 'token-invalid');
  });

  test('an unusable address is refused before anything is sent', async () => {
    const client = webhooks(harness);
    for (const url of ['ftp://example.com/x', 'https://user:pw@example.com/x', 'not a url', '']) {
      await assert.rejects(client.addWebhook(harness.standIn.issueToken('carol'), url), TypeError);
    }
    assert.deepEqual(harness.standIn.log(), []);
  });

  test('the address rule: http(s) only, no credentials, no spaces', () => {
    assert.equal(webhookUrlProblem('https://example.com/hook'), undefined);
    assert.equal(webhookUrlProblem('http://192.168.1.5:8123/api/webhook/x'), undefined);
    assert.equal(webhookUrlProblem(''), 'empty');
    assert.equal(webhookUrlProblem('example.com'), 'not-a-url');
    assert.equal(webhookUrlProblem('ftp://example.com'), 'not-http');
    assert.equal(webhookUrlProblem('javascript:alert(1)'), 'not-http');
    assert.equal(webhookUrlProblem('https://a:b@example.com'), 'credentials');
    assert.equal(webhookUrlProblem('https://example.com/a b'), 'spaces');
    assert.equal(webhookUrlProblem(`https://example.com/${'a'.repeat(2100)}`), 'too-long');
  });
});

suite('WebhookSender: a test event to a receiver', () => {
  const harness = useStandIn();
  let receiver: WebhookReceiver;
  const log: PlexRequestLogEntry[] = [];
  const sender = (timeoutMs = 3000) => new WebhookSender({ timeoutMs, userAgent: 'Plex for VS Code/0.0.1', log: (entry) => log.push(entry) });

  setup(async () => {
    receiver = await new WebhookReceiver().start();
    log.length = 0;
  });
  teardown(() => receiver.close());

  test('every event arrives as multipart/form-data with a payload part shaped as Plex sends it, and nothing goes to plex.tv', async () => {
    for (const event of WEBHOOK_EVENTS) {
      const delivery = await sender().send(receiver.address(), webhookPayload(event, SOURCE));
      assert.equal(delivery.status, 200);
      assert.ok(delivery.durationMs >= 0 && delivery.durationMs < 3000);
    }
    assert.equal(receiver.received.length, WEBHOOK_EVENTS.length);
    for (const [index, received] of receiver.received.entries()) {
      assert.deepEqual(received.problems, [], `event ${WEBHOOK_EVENTS[index]}`);
      assert.equal((received.payload as { event: string }).event, WEBHOOK_EVENTS[index]);
      assert.equal(received.headers['x-plex-token'], undefined);
      assertNoIssuedToken(harness.standIn, received.raw);
    }
    const play = receiver.received[0]?.payload as { Account: unknown; Server: unknown; Metadata: { type: string } };
    assert.deepEqual(play.Account, { id: 13692264, thumb: 'https://plex.tv/users/abc/avatar?c=1', title: 'Carol' });
    assert.deepEqual(play.Server, { title: "Carol's Server", uuid: 'c4r01000000000000000000000000000000000001' });
    assert.equal(play.Metadata.type, 'movie');
    assert.deepEqual(harness.standIn.log(), [], 'a test event never reaches plex.tv');
    // The log names the receiver's origin only: a webhook path often holds a secret.
    assert.deepEqual([...new Set(log.map((entry) => entry.url))], [`${receiver.url}/***`]);
  });

  test('a payload never carries a field beyond the allow-list (no email, no token) whatever the source holds', () => {
    const source = { ...SOURCE, account: { ...SOURCE.account, email: 'carol@example.com', authToken: 'secret-token' } } as WebhookEventSource;
    const text = JSON.stringify(webhookPayload('media.play', source));
    assert.doesNotMatch(text, /carol@example\.com|secret-token/);
  });

  test('a receiver that answers an error: the status is the answer', async () => {
    receiver.behaviour = { kind: 'status', status: 500 };
    const delivery = await sender().send(receiver.address(), webhookPayload('media.stop', SOURCE));
    assert.equal(delivery.status, 500);
    assert.equal(delivery.statusText, 'Internal Server Error');
  });

  test('a receiver that is down: network, naming the host', async () => {
    const url = receiver.address();
    await receiver.close();
    const error = await rejectsWith(sender().send(url, webhookPayload('media.play', SOURCE)), 'network');
    assert.match(error.message, /127\.0\.0\.1:\d+: the connection was refused/);
  });

  test('a receiver that does not answer: timeout after the sender’s limit', async () => {
    receiver.behaviour = { kind: 'hang' };
    const started = Date.now();
    const error = await rejectsWith(sender(300).send(receiver.address(), webhookPayload('media.play', SOURCE)), 'timeout');
    assert.match(error.message, /did not answer within 300 ms/);
    assert.ok(Date.now() - started < 2000);
    assert.equal(receiver.arrivals, 1);
  });

  test('a redirect is reported, not followed', async () => {
    receiver.behaviour = { kind: 'status', status: 302 };
    const delivery = await sender().send(receiver.address(), webhookPayload('media.play', SOURCE));
    assert.equal(delivery.status, 302);
    assert.equal(receiver.arrivals, 1);
  });
});
