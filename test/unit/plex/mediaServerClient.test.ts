// PlexMediaServerClient against stand-in servers of both spec versions: transient tokens (JSON
// and XML) and source connection information.
import * as assert from 'node:assert/strict';
import { assertNoIssuedToken, rejectsWith, serverOf, useStandIn } from './helpers';

const LIBRARY = "Alice's Library"; // 2024-09 spec: GET only, JSON errors
const CLOUD = "Alice's Cloud"; // 2026-02 spec: any verb, HTML 400/403

suite('PlexMediaServerClient', () => {
  const harness = useStandIn();

  for (const name of [LIBRARY, CLOUD]) {
    test(`getTransientToken works on ${name}, and the server accepts the result`, async () => {
      const server = serverOf(harness.standIn, name);
      const client = harness.mediaServer(server.url);
      const transient = await client.getTransientToken(harness.standIn.issueToken('alice'));
      assert.match(transient, /^transient-[0-9a-f-]{36}$/);
      // A transient token is itself good for the next call.
      const again = await client.getTransientToken(transient);
      assert.match(again, /^transient-/);
      const [request] = harness.requests('pms.transientToken');
      assert.equal(request?.method, 'GET');
      assert.equal(request?.path, '/security/token?type=delegation&scope=all');
    });
  }

  test('reads the XML form <MediaContainer token="..."/>', async () => {
    const server = serverOf(harness.standIn, LIBRARY);
    harness.standIn.addFault({ route: 'pms.transientToken', fault: { kind: 'xml' }, times: 1 });
    const transient = await harness.mediaServer(server.url).getTransientToken(harness.standIn.issueToken('alice'));
    assert.ok(harness.standIn.issuedTokens().includes(transient), 'the token is the one the server issued');
  });

  test('after a server restart an old transient token is TokenInvalidError on both spec versions', async () => {
    for (const [name, status] of [
      [LIBRARY, 401],
      [CLOUD, 403],
    ] as const) {
      const server = serverOf(harness.standIn, name);
      const client = harness.mediaServer(server.url);
      const transient = await client.getTransientToken(harness.standIn.issueToken('alice'));
      harness.standIn.restartServer(server.clientIdentifier);
      const error = await rejectsWith(client.getTransientToken(transient), 'token-invalid');
      assert.equal(error.status, status);
      assertNoIssuedToken(harness.standIn, error.message);
    }
  });

  test("another account's token is refused", async () => {
    const server = serverOf(harness.standIn, LIBRARY);
    await rejectsWith(harness.mediaServer(server.url).getTransientToken(harness.standIn.issueToken('bob')), 'token-invalid');
  });

  test('getSourceConnectionInformation returns the device and its connections', async () => {
    const library = serverOf(harness.standIn, LIBRARY);
    const cloud = serverOf(harness.standIn, CLOUD);
    const client = harness.mediaServer(library.url);
    const info = await client.getSourceConnectionInformation(
      harness.standIn.issueToken('alice'),
      `server://${cloud.clientIdentifier}`,
    );
    assert.equal(info.name, CLOUD);
    assert.equal(info.clientIdentifier, cloud.clientIdentifier);
    assert.ok(info.accessToken);
    assert.deepEqual(
      info.connections.map((connection) => [connection.uri, connection.relay]),
      [[cloud.url, true]],
    );
    const [request] = harness.requests('pms.sourceConnection');
    assert.equal(request?.path, `/security/resources?source=${encodeURIComponent(`server://${cloud.clientIdentifier}`)}`);
  });

  test('works with a transient token made from an admin token', async () => {
    const library = serverOf(harness.standIn, LIBRARY);
    const client = harness.mediaServer(library.url);
    const transient = await client.getTransientToken(harness.standIn.issueToken('alice'));
    const info = await client.getSourceConnectionInformation(transient, `server://${library.clientIdentifier}`);
    assert.equal(info.name, LIBRARY);
    assert.equal(info.connections.length, 2);
  });

  test('an unknown source on a 2026-spec server (HTML 404) is PlexServerError', async () => {
    const cloud = serverOf(harness.standIn, CLOUD);
    const error = await rejectsWith(
      harness.mediaServer(cloud.url).getSourceConnectionInformation(harness.standIn.issueToken('alice'), 'server://nope'),
      'server-error',
    );
    assert.equal(error.status, 404);
  });

  test('a missing Device field is a PlexResponseError naming it', async () => {
    const library = serverOf(harness.standIn, LIBRARY);
    harness.standIn.addFault({ route: 'pms.sourceConnection', fault: { kind: 'missing-field', field: 'MediaContainer.Device.clientIdentifier' } });
    const error = await rejectsWith(
      harness.mediaServer(library.url).getSourceConnectionInformation(
        harness.standIn.issueToken('alice'),
        `server://${library.clientIdentifier}`,
      ),
      'bad-response',
    );
    assert.match(error.message, /field "MediaContainer\.Device\.clientIdentifier": expected string, got nothing/);
  });

  test('a token field of the wrong type is a PlexResponseError naming it', async () => {
    const library = serverOf(harness.standIn, LIBRARY);
    harness.standIn.addFault({ route: 'pms.transientToken', fault: { kind: 'wrong-type', field: 'MediaContainer.token' } });
    const error = await rejectsWith(
      harness.mediaServer(library.url).getTransientToken(harness.standIn.issueToken('alice')),
      'bad-response',
    );
    assert.match(error.message, /field "MediaContainer\.token": expected string, got number/);
  });
});
