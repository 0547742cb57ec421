// plex.tv's ping through the service layer: it keeps a token in use (the stand-in moves the
// account's rememberExpiresAt forward), and a dead token is TokenInvalidError.
import * as assert from 'node:assert/strict';
import { rejectsWith, useStandIn } from './helpers';

async function rememberExpiresAt(plexTvUrl: string, token: string): Promise<number> {
  const response = await fetch(`${plexTvUrl}/api/v2/user`, {
    headers: { Accept: 'application/json', 'X-Plex-Client-Identifier': 'ping-test', 'X-Plex-Token': token },
  });
  const body = (await response.json()) as { rememberExpiresAt: number };
  return body.rememberExpiresAt;
}

suite('PlexTvClient.ping', () => {
  const harness = useStandIn();

  test('sends the token in the header and moves rememberExpiresAt forward', async () => {
    const token = harness.standIn.issueToken('alice');
    const before = await rememberExpiresAt(harness.standIn.plexTvUrl, token);
    const startedAt = Math.floor(Date.now() / 1000);
    await harness.plexTv().ping(token);
    const after = await rememberExpiresAt(harness.standIn.plexTvUrl, token);
    assert.ok(after > before, 'a ping moves the expiry forward');
    assert.ok(after >= startedAt + 29 * 86400, 'to about a month from now');
    const [ping] = harness.requests('ping');
    assert.equal(ping?.headers['x-plex-token'], '***');
    assert.equal(ping?.path, '/api/v2/ping');
  });

  test('a revoked token is TokenInvalidError and is not retried', async () => {
    const token = harness.standIn.issueToken('alice');
    harness.standIn.revokeToken(token);
    await rejectsWith(harness.plexTv().ping(token), 'token-invalid');
    assert.equal(harness.requests('ping').length, 1);
  });

  test('a 503 is retried, then the ping succeeds', async () => {
    harness.standIn.addFault({ route: 'ping', fault: { kind: 'status', status: 503 }, times: 1 });
    await harness.plexTv().ping(harness.standIn.issueToken('alice'));
    assert.deepEqual(harness.requests('ping').map((entry) => entry.status), [503, 200]);
  });
});
