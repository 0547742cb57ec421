// Self-test of the stand-in's account-tools routes over raw HTTP (no service layer): the wire
// shapes plex.tv uses, device tokens in the list, and the control API doing what StandIn does.
import * as assert from 'node:assert/strict';
import { type StandIn, startStandIn } from '../standin/index';
import { StandInControl } from '../standin/controlClient';

const CLIENT_ID = 'standin-account-tools-self-test';

function plexFetch(url: string, init: { method?: string; token?: string; json?: boolean; form?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'X-Plex-Product': 'Stand-in self-test', 'X-Plex-Client-Identifier': CLIENT_ID };
  if (init.json !== false) headers.Accept = 'application/json';
  if (init.token !== undefined) headers['X-Plex-Token'] = init.token;
  let body: string | undefined;
  if (init.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  return fetch(url, { method: init.method ?? 'GET', headers, body });
}

suite('Plex stand-in: account tools', () => {
  let standIn: StandIn;

  suiteSetup(async () => {
    standIn = await startStandIn();
  });
  suiteTeardown(() => standIn.close());
  setup(() => {
    standIn.clearFaults();
    standIn.clearLog();
  });
  teardown(() => assert.deepEqual(standIn.violations(), []));

  test('/devices.xml is XML with every device token, as plex.tv sends it; the request log never shows one', async () => {
    const token = standIn.issueToken('alice');
    const response = await plexFetch(`${standIn.plexTvUrl}/devices.xml`, { token, json: false });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /xml/);
    const text = await response.text();
    assert.match(text, /^<\?xml[^>]*>\s*<MediaContainer publicAddress="[^"]+" size="3">/);
    const devices = standIn.devices('alice');
    assert.equal(devices.length, 3);
    for (const device of devices) assert.ok(text.includes(`token="${device.token}"`));
    assert.ok(devices.every((device) => standIn.deviceTokens().includes(device.token)));
    assert.ok(devices.every((device) => standIn.issuedTokens().includes(device.token)));
    const logged = JSON.stringify(standIn.log());
    for (const device of devices) assert.ok(!logged.includes(device.token));
  });

  test('a device removed by id answers 404 afterwards; an id of another account is 404', async () => {
    const alice = standIn.issueToken('alice');
    const [tv] = standIn.devices('alice');
    assert.ok(tv);
    const carol = standIn.issueToken('carol');
    assert.equal((await plexFetch(`${standIn.plexTvUrl}/devices/${tv.id}.xml`, { method: 'DELETE', token: carol })).status, 404);
    assert.equal((await plexFetch(`${standIn.plexTvUrl}/devices/${tv.id}.xml`, { method: 'DELETE', token: alice })).status, 200);
    assert.equal((await plexFetch(`${standIn.plexTvUrl}/devices/${tv.id}.xml`, { method: 'DELETE', token: alice })).status, 404);
    assert.equal((await plexFetch(`${standIn.plexTvUrl}/api/v2/user`, { token: tv.token })).status, 401);
  });

  test('Home routes: 404 outside a Home or for an unknown uuid, 403 code 1041 for a missing PIN', async () => {
    const bob = standIn.issueToken('bob');
    assert.equal((await plexFetch(`${standIn.plexTvUrl}/api/v2/home/users`, { token: bob })).status, 404);
    const dana = standIn.homeUsers('alice').find((user) => user.title === 'Dana');
    assert.ok(dana?.pin);
    const switchUrl = `${standIn.plexTvUrl}/api/v2/home/users/${dana.uuid}/switch`;
    assert.equal((await plexFetch(switchUrl, { method: 'POST', token: bob })).status, 404, 'not in that Home');
    const alice = standIn.issueToken('alice');
    const refused = await plexFetch(switchUrl, { method: 'POST', token: alice });
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { errors: [{ code: 1041, message: 'A valid PIN is required to perform this action', status: 403 }] });
    const switched = await plexFetch(`${switchUrl}?pin=${dana.pin}`, { method: 'POST', token: alice });
    assert.equal(switched.status, 201);
    const body = (await switched.json()) as { authToken: string; username: string; homeAdmin: boolean };
    assert.equal(body.username, 'dana');
    assert.equal(body.homeAdmin, false);
    assert.ok(standIn.issuedTokens().includes(body.authToken));
    assert.ok(standIn.log().every((entry) => !entry.path.includes(`pin=${dana.pin}`)), 'the log hides the PIN');
  });

  test('a removed Home user loses its server access too', async () => {
    const local = await startStandIn();
    try {
      const alice = local.issueToken('alice');
      const kids = local.homeUsers('alice').find((user) => user.title === 'Kids');
      assert.ok(kids);
      const switched = (await (await plexFetch(`${local.plexTvUrl}/api/v2/home/users/${kids.uuid}/switch`, { method: 'POST', token: alice })).json()) as {
        authToken: string;
      };
      const resources = (await (await plexFetch(`${local.plexTvUrl}/api/v2/resources`, { token: switched.authToken })).json()) as {
        name: string;
        accessToken: string;
      }[];
      const library = resources.find((resource) => resource.name === "Alice's Library");
      const server = local.servers.find((candidate) => candidate.name === "Alice's Library");
      assert.ok(library && server);
      const transient = (token: string): Promise<Response> =>
        plexFetch(`${server.url}/security/token?type=delegation&scope=all`, { token });
      assert.equal((await transient(library.accessToken)).status, 200);
      local.removeHomeUser('alice', 'Kids');
      assert.equal((await transient(library.accessToken)).status, 401);
      assert.equal((await transient(switched.authToken)).status, 401);
      assert.equal((await transient(alice)).status, 200, 'the administrator keeps access');
    } finally {
      await local.close();
    }
  });

  test('link: a strong code or an unknown one is 404 code 1020; a live short code is 204 once', async () => {
    const alice = standIn.issueToken('alice');
    const link = (code: string): Promise<Response> => plexFetch(`${standIn.plexTvUrl}/api/v2/pins/link`, { method: 'PUT', token: alice, form: { code } });
    const strong = (await (await plexFetch(`${standIn.plexTvUrl}/api/v2/pins?strong=true`, { method: 'POST' })).json()) as { code: string };
    const refused = await link(strong.code);
    assert.equal(refused.status, 404);
    assert.equal(((await refused.json()) as { errors: { code: number }[] }).errors[0]?.code, 1020);
    const code = standIn.createLinkCode();
    assert.match(code.code, /^[A-Z0-9]{4}$/);
    assert.equal((await link(code.code.toLowerCase())).status, 204);
    assert.equal((await link(code.code)).status, 404);
    assert.equal((await link('')).status, 400);
  });

  test('claim tokens: JSON {token}, expiring on the stand-in clock or on demand', async () => {
    const response = await plexFetch(`${standIn.plexTvUrl}/api/claim/token.json`, { token: standIn.issueToken('carol') });
    assert.equal(response.status, 200);
    const { token } = (await response.json()) as { token: string };
    assert.match(token, /^claim-[a-z0-9]{20}$/);
    assert.ok(standIn.issuedTokens().includes(token));
    const info = standIn.claimTokens().find((claim) => claim.token === token);
    assert.equal(info?.expired, false);
    assert.ok(info !== undefined && Math.abs(info.expiresAt - Date.now() - 240_000) < 5000);
    standIn.expireClaimTokens();
    assert.equal(standIn.claimTokens().find((claim) => claim.token === token)?.expired, true);
    assert.throws(() => standIn.setClaimTokenLifetime(0));
  });

  test('the control API does over HTTP what the StandIn object does', async () => {
    const local = await startStandIn();
    try {
      const control = new StandInControl(local.plexTvUrl);
      assert.deepEqual(await control.homeUsers('alice'), local.homeUsers('alice'));
      assert.deepEqual(await control.homeUsers('bob'), []);
      await control.removeHomeUser('alice', 'Guest');
      assert.deepEqual(
        local.homeUsers('alice').map((user) => user.title),
        ['Alice', 'Dana', 'Kids'],
      );
      assert.deepEqual(await control.devices('carol'), local.devices('carol'));
      assert.deepEqual(await control.deviceTokens(), local.deviceTokens());
      const code = await control.createLinkCode({ clientIdentifier: 'tv-over-http', product: 'Plex for Roku' });
      assert.equal(code.clientIdentifier, 'tv-over-http');
      await control.expireLinkCode(code.code);
      await assert.rejects(control.expireLinkCode(code.code), /no live link code/);
      await control.setClaimTokenLifetime(60);
      await plexFetch(`${local.plexTvUrl}/api/claim/token.json`, { token: local.issueToken('alice') });
      const [claim] = await control.claimTokens();
      assert.ok(claim && claim.expiresAt - Date.now() <= 60_000);
      await control.expireClaimTokens();
      assert.equal((await control.claimTokens())[0]?.expired, true);
      await assert.rejects(control.removeHomeUser('alice', 'Nobody'), /no Home user/);
    } finally {
      await local.close();
    }
  });
});
