// clients.plex.tv is a host of its own at Plex. With the stand-in serving it on a second listener,
// the service layer's JWT flows reach each route on the host it belongs to: the JWK, nonce, token,
// keys and JWK-PIN routes on clients.plex.tv, the account and servers on plex.tv; the classic token
// goes to clients.plex.tv only to register the key.
import * as assert from 'node:assert/strict';
import { PlexJwtAuth, PlexTvClient, PlexTvJwtClient, generateDeviceKey } from '../../../../src/plex/index';
import { startStandIn, type StandIn } from '../../../standin/index';
import { FAST_RETRY, IDENTITY } from '../helpers';

suite('JWT flows with clients.plex.tv on its own host (stand-in)', () => {
  let standIn: StandIn;

  setup(async () => {
    standIn = await startStandIn({ clientsOnOwnHost: true });
  });
  teardown(async () => {
    assert.deepEqual(standIn.violations(), []);
    await standIn.close();
  });

  test('register, renew and a JWK PIN go to the clients host; the Plex JWT then works on plex.tv', async () => {
    const clientsUrl = standIn.jwt.state().clientsUrl;
    assert.notEqual(new URL(clientsUrl).origin, new URL(standIn.plexTvUrl).origin, 'a second host');
    assert.equal(new URL(clientsUrl).pathname, '/', 'served at the root, as https://clients.plex.tv is');
    const now = (): number => Date.now() + standIn.jwt.state().clockOffsetMs;
    const client = new PlexTvJwtClient({ identity: IDENTITY, baseUrl: clientsUrl, retry: FAST_RETRY });
    const plexTv = new PlexTvClient({ identity: IDENTITY, baseUrl: standIn.plexTvUrl, retry: FAST_RETRY });

    const classic = standIn.issueToken('alice');
    const auth = new PlexJwtAuth({ client, key: generateDeviceKey(), now });
    await auth.register(classic);
    const { token } = await auth.renew();
    assert.equal((await plexTv.getAccount(token)).username, 'alice');

    const pinAuth = new PlexJwtAuth({ client: new PlexTvJwtClient({ identity: { ...IDENTITY, clientIdentifier: 'clients-host-pin' }, baseUrl: clientsUrl, retry: FAST_RETRY }), key: generateDeviceKey(), now });
    const pin = await pinAuth.createPin();
    standIn.approvePin(pin.id, 'carol');
    assert.ok(await pinAuth.checkPin(pin.id));

    const log = standIn.log();
    const byHost = (host: string): string[] => log.filter((entry) => entry.host === host).map((entry) => entry.route);
    assert.deepEqual([...new Set(byHost('clients.plex.tv'))].sort(), ['jwt.keys', 'jwt.nonce', 'jwt.pins.check', 'jwt.pins.create', 'jwt.register', 'jwt.token']);
    assert.deepEqual(byHost('plex.tv'), ['user']);
    assert.ok(log.filter((entry) => entry.host === 'clients.plex.tv').every((entry) => !entry.path.startsWith('/clients/')));
    const withToken = log.filter((entry) => entry.host === 'clients.plex.tv' && entry.headers['x-plex-token'] !== undefined).map((entry) => entry.route);
    assert.deepEqual(withToken, ['jwt.register'], 'the classic token goes to clients.plex.tv only to register the key');
  });

  test('the clients host serves only the clients routes: plex.tv\'s are not there', async () => {
    const response = await fetch(`${standIn.jwt.state().clientsUrl}/api/v2/user`, {
      headers: { 'X-Plex-Client-Identifier': 'clients-host-test', Accept: 'application/json', 'X-Plex-Token': standIn.issueToken('alice') },
    });
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { errors: [{ message: 'Not Found', status: 404 }] });
  });
});
