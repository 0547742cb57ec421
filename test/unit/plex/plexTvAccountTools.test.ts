// PlexTvAccountTools against the stand-in over real HTTP: Plex Home users and switching,
// authorized devices, claim tokens, linking a plex.tv/link code, and the errors each maps.
import * as assert from 'node:assert/strict';
import { CLAIM_TOKEN_LIFETIME_MS, DEVICE_LIST_CAP_BYTES, PlexTvAccountTools, PlexTvClient, type PlexHomeUser } from '../../../src/plex/index';
import { FAST_RETRY, IDENTITY, assertNoIssuedToken, rejectsWith, serverOf, useStandIn, type Harness } from './helpers';

function accountTools(harness: Harness, options: { timeoutMs?: number } = {}): PlexTvAccountTools {
  return new PlexTvAccountTools({
    identity: IDENTITY,
    baseUrl: harness.standIn.plexTvUrl,
    timeoutMs: options.timeoutMs ?? 5000,
    retry: FAST_RETRY,
    log: (entry) => harness.clientLog.push(entry),
  });
}

async function homeUser(harness: Harness, token: string, title: string): Promise<PlexHomeUser> {
  const home = await accountTools(harness).listHomeUsers(token);
  const user = home.users.find((candidate) => candidate.title === title);
  assert.ok(user, `no Home user ${title}`);
  return user;
}

suite('PlexTvAccountTools: Plex Home', () => {
  const harness = useStandIn();

  test('lists the Home: administrator first, then a PIN-protected member, a managed user and the guest', async () => {
    const token = harness.standIn.issueToken('alice');
    const home = await accountTools(harness).listHomeUsers(token);
    assert.equal(home.inHome, true);
    assert.equal(home.name, "Alice's Home");
    assert.deepEqual(
      home.users.map(({ title, kind, admin, protected: isProtected }) => ({ title, kind, admin, protected: isProtected })),
      [
        { title: 'Alice', kind: 'administrator', admin: true, protected: false },
        { title: 'Dana', kind: 'member', admin: false, protected: true },
        { title: 'Kids', kind: 'managed', admin: false, protected: false },
        { title: 'Guest', kind: 'guest', admin: false, protected: false },
      ],
    );
    const standInUsers = harness.standIn.homeUsers('alice');
    assert.deepEqual(
      home.users.map(({ id, uuid }) => ({ id, uuid })),
      standInUsers.map(({ id, uuid }) => ({ id, uuid })),
    );
    assert.equal(home.users[2]?.restrictionProfile, 'little_kid');
    assert.equal(home.users[1]?.username, 'dana');
    assert.equal(home.users[2]?.username, undefined, 'a managed user has no username');
    const [request] = harness.requests('home.users');
    assert.equal(request?.method, 'GET');
    assert.equal(request?.path, '/api/v2/home/users');
    assert.equal(request?.headers['x-plex-token'], '***');
  });

  test('an account outside a Home is inHome: false with no users', async () => {
    const home = await accountTools(harness).listHomeUsers(harness.standIn.issueToken('bob'));
    assert.deepEqual(home, { inHome: false, users: [] });
  });

  test('switching to a managed user gives a token that acts as that user for the account, servers and PMS', async () => {
    const adminToken = harness.standIn.issueToken('alice');
    const kids = await homeUser(harness, adminToken, 'Kids');
    const result = await accountTools(harness).switchHomeUser(adminToken, { uuid: kids.uuid });
    assert.notEqual(result.authToken, adminToken);
    assert.equal(result.account?.title, 'Kids');
    assert.equal(result.account?.id, kids.id);
    assert.equal(result.account?.homeAdmin, false);
    assert.equal(result.account?.home, true);

    const plexTv = harness.plexTv();
    const account = await plexTv.getAccount(result.authToken);
    assert.equal(account.uuid, kids.uuid);
    const servers = await plexTv.getServers(result.authToken);
    assert.deepEqual(
      servers.map((server) => [server.name, server.owned]),
      [
        ["Alice's Library", false],
        ["Alice's Cloud", false],
      ],
    );
    const adminServers = await plexTv.getServers(adminToken);
    const library = servers[0];
    assert.ok(library?.accessToken);
    assert.notEqual(library.accessToken, adminServers[0]?.accessToken, 'the member has an access token of its own');
    const transient = await harness.mediaServer(serverOf(harness.standIn, "Alice's Library").url).getTransientToken(library.accessToken);
    assert.match(transient, /^transient-/);
    const [request] = harness.requests('home.switch');
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, `/api/v2/home/users/${kids.uuid}/switch`);
  });

  test('a PIN-protected user: no PIN and a wrong PIN are HomePinInvalidError (403, 1041); the right PIN switches', async () => {
    const adminToken = harness.standIn.issueToken('alice');
    const dana = await homeUser(harness, adminToken, 'Dana');
    const tools = accountTools(harness);
    const missing = await rejectsWith(tools.switchHomeUser(adminToken, { uuid: dana.uuid }), 'home-pin-invalid');
    assert.equal(missing.status, 403);
    assert.equal(missing.plexCode, 1041);
    assert.match(missing.message, /protected by a PIN/);
    const wrong = await rejectsWith(tools.switchHomeUser(adminToken, { uuid: dana.uuid, pin: '9999' }), 'home-pin-invalid');
    assert.match(wrong.message, /not correct/);
    assert.equal(wrong.name, 'HomePinInvalidError');
    const result = await tools.switchHomeUser(adminToken, { uuid: dana.uuid, pin: '1234' });
    assert.equal(result.account?.username, 'dana');
    assert.equal((await harness.plexTv().getAccount(result.authToken)).email, 'dana@example.com');
    // The PIN travels in the query (as plex.tv wants); no log line shows it.
    assert.equal(harness.requests('home.switch').length, 3, 'a switch is never retried');
    assert.deepEqual(
      harness.requests('home.switch').map((entry) => new URL(entry.path, 'http://x').search),
      ['', '?pin=***', '?pin=***'],
    );
    for (const entry of harness.clientLog) {
      assert.ok(!entry.url.includes('?'), 'the client log has no query string');
      assert.ok(!/1234|9999/.test(entry.error ?? ''));
    }
  });

  test('switching back to the administrator from a member token gives an administrator token', async () => {
    const adminToken = harness.standIn.issueToken('alice');
    const users = (await accountTools(harness).listHomeUsers(adminToken)).users;
    const [alice, , kids] = users;
    assert.ok(alice && kids);
    const asKids = await accountTools(harness).switchHomeUser(adminToken, { uuid: kids.uuid });
    const back = await accountTools(harness).switchHomeUser(asKids.authToken, { uuid: alice.uuid });
    assert.equal(back.account?.username, 'alice');
    assert.equal(back.account?.homeAdmin, true);
  });

  test('a revoked token on list or switch is TokenInvalidError', async () => {
    const token = harness.standIn.issueToken('alice');
    const kids = await homeUser(harness, token, 'Kids');
    harness.standIn.revokeToken(token);
    await rejectsWith(accountTools(harness).listHomeUsers(token), 'token-invalid');
    await rejectsWith(accountTools(harness).switchHomeUser(token, { uuid: kids.uuid }), 'token-invalid');
  });

  test('a malformed uuid is refused before any request', async () => {
    await assert.rejects(accountTools(harness).switchHomeUser('token-not-used', { uuid: '../users' }), TypeError);
    assert.equal(harness.requests('home.switch').length, 0);
  });
});

suite('PlexTvAccountTools: a user removed from the Home', () => {
  const harness = useStandIn();

  test('is not listed, cannot be switched to (HomeUserNotFoundError), and its token is refused', async () => {
    const adminToken = harness.standIn.issueToken('alice');
    const kids = await homeUser(harness, adminToken, 'Kids');
    const asKids = await accountTools(harness).switchHomeUser(adminToken, { uuid: kids.uuid });
    harness.standIn.removeHomeUser('alice', 'Kids');

    const home = await accountTools(harness).listHomeUsers(adminToken);
    assert.deepEqual(
      home.users.map((user) => user.title),
      ['Alice', 'Dana', 'Guest'],
    );
    const error = await rejectsWith(accountTools(harness).switchHomeUser(adminToken, { uuid: kids.uuid }), 'home-user-not-found');
    assert.equal(error.status, 404);
    assert.equal(error.name, 'HomeUserNotFoundError');
    await rejectsWith(harness.plexTv().getAccount(asKids.authToken), 'token-invalid');
    // The administrator is unaffected.
    assert.equal((await harness.plexTv().getAccount(adminToken)).homeSize, 3);
  });
});

suite('PlexTvAccountTools: devices', () => {
  const harness = useStandIn();

  test('lists the devices with this one marked current, and sends Accept: application/xml', async () => {
    const token = harness.standIn.issueToken('alice');
    const devices = await accountTools(harness).listDevices(token);
    assert.deepEqual(
      devices.map((device) => [device.name, device.product, device.current]),
      [
        ['Living Room TV', 'Plex for LG', false],
        ["Alice's iPhone", 'Plex for iOS', false],
        [IDENTITY.deviceName, IDENTITY.product, true],
      ],
    );
    const [tv] = devices;
    assert.equal(tv?.platform, 'webOS');
    assert.equal(tv?.version, '3.13.1');
    assert.deepEqual(tv?.provides, ['client', 'player', 'pubsub-player']);
    assert.equal(typeof tv?.lastSeenAt, 'number');
    assert.equal(typeof tv?.createdAt, 'number');
    assert.equal(devices[2]?.clientIdentifier, IDENTITY.clientIdentifier);
    assert.deepEqual(
      devices.map((device) => device.id),
      harness.standIn.devices('alice').map((device) => device.id),
    );
    const [request] = harness.requests('devices');
    assert.equal(request?.path, '/devices.xml');
    assert.equal(request?.headers['accept'], 'application/xml');
  });

  test('no device token surfaces in the result, its keys or the client log', async () => {
    const token = harness.standIn.issueToken('carol');
    const devices = await accountTools(harness).listDevices(token);
    const deviceTokens = harness.standIn.deviceTokens();
    assert.ok(deviceTokens.length >= 3, 'the stand-in planted device tokens');
    const text = JSON.stringify(devices) + JSON.stringify(harness.clientLog);
    for (const planted of deviceTokens) assert.ok(!text.includes(planted), 'a device token surfaced');
    assertNoIssuedToken(harness.standIn, text);
    for (const device of devices) {
      assert.deepEqual(
        Object.keys(device).filter((key) => /token/i.test(key)),
        [],
      );
    }
  });

  test('a JSON answer (a proxy rewriting the format) is a bad response, never parsed', async () => {
    harness.standIn.addFault({ route: 'devices', fault: { kind: 'malformed-json' } });
    const error = await rejectsWith(accountTools(harness).listDevices(harness.standIn.issueToken('alice')), 'bad-response');
    assert.match(error.message, /where XML was expected/);
  });

  test('the list may be larger than the usual 1 MiB cap, up to DEVICE_LIST_CAP_BYTES', async () => {
    const token = harness.standIn.issueToken('alice');
    // A 2 MiB JSON body: read in full (so refused for its format, not its size) ...
    harness.standIn.addFault({ route: 'devices', fault: { kind: 'oversized', bytes: 2 * 1024 * 1024, declareLength: true }, times: 1 });
    const read = await rejectsWith(accountTools(harness).listDevices(token), 'bad-response');
    assert.match(read.message, /where XML was expected/);
    // ... while a body over the device-list cap is not read at all.
    harness.standIn.addFault({ route: 'devices', fault: { kind: 'oversized', bytes: DEVICE_LIST_CAP_BYTES + 1 }, times: 1 });
    const refused = await rejectsWith(accountTools(harness).listDevices(token), 'bad-response');
    assert.match(refused.message, /larger than 8192 KiB/);
  });

  test('removing a device drops it from the list and revokes its token; removing it again is DeviceNotFoundError', async () => {
    const token = harness.standIn.issueToken('alice');
    const tools = accountTools(harness);
    const tv = harness.standIn.devices('alice').find((device) => device.name === 'Living Room TV');
    assert.ok(tv);
    assert.equal((await harness.plexTv().getAccount(tv.token)).username, 'alice', 'the TV token works before');
    await tools.removeDevice(token, tv.id);
    const [request] = harness.requests('devices.remove');
    assert.equal(request?.method, 'DELETE');
    assert.equal(request?.path, `/devices/${tv.id}.xml`);
    assert.ok(!(await tools.listDevices(token)).some((device) => device.id === tv.id));
    await rejectsWith(harness.plexTv().getAccount(tv.token), 'token-invalid');
    const again = await rejectsWith(tools.removeDevice(token, tv.id), 'device-not-found');
    assert.equal(again.status, 404);
  });

  test('removing the current device signs this device out', async () => {
    const token = harness.standIn.issueToken('bob');
    const tools = accountTools(harness);
    const current = (await tools.listDevices(token)).find((device) => device.current);
    assert.ok(current);
    await tools.removeDevice(token, current.id);
    await rejectsWith(harness.plexTv().getAccount(token), 'token-invalid');
  });

  test('a device id that is not an integer is refused before any request', async () => {
    await assert.rejects(accountTools(harness).removeDevice('token-not-used', 1.5), TypeError);
    assert.equal(harness.requests('devices.remove').length, 0);
  });
});

suite('PlexTvAccountTools: claim token', () => {
  const harness = useStandIn();

  test('returns a claim- token with the documented 4-minute life, which the stand-in expires', async () => {
    const before = Date.now();
    const claim = await accountTools(harness).getClaimToken(harness.standIn.issueToken('alice'));
    const after = Date.now();
    assert.match(claim.token, /^claim-/);
    assert.equal(claim.expiryFromPlex, false);
    assert.ok(claim.expiresAt >= before + CLAIM_TOKEN_LIFETIME_MS && claim.expiresAt <= after + CLAIM_TOKEN_LIFETIME_MS);
    const issued = harness.standIn.claimTokens().find((candidate) => candidate.token === claim.token);
    assert.equal(issued?.expired, false);
    assert.equal(issued?.username, 'alice');
    assert.ok(Math.abs((issued?.expiresAt ?? 0) - claim.expiresAt) < 1000, 'both sides agree on the expiry');
    harness.standIn.expireClaimTokens();
    assert.equal(harness.standIn.claimTokens().find((candidate) => candidate.token === claim.token)?.expired, true);
    assertNoIssuedToken(harness.standIn, JSON.stringify(harness.clientLog));
  });

  test('an expiry in the answer wins over the assumed lifetime', async () => {
    harness.standIn.addFault({ route: 'claim.token', fault: { kind: 'set-field', field: 'expiresIn', value: 30 }, times: 1 });
    const before = Date.now();
    const claim = await accountTools(harness).getClaimToken(harness.standIn.issueToken('alice'));
    assert.equal(claim.expiryFromPlex, true);
    assert.ok(claim.expiresAt >= before + 30_000 && claim.expiresAt <= Date.now() + 30_000);
  });

  test('a shorter stand-in lifetime lets claim tokens expire on their own', async () => {
    harness.standIn.setClaimTokenLifetime(0.05);
    try {
      const claim = await accountTools(harness).getClaimToken(harness.standIn.issueToken('alice'));
      const expired = (): boolean => harness.standIn.claimTokens().find((candidate) => candidate.token === claim.token)?.expired === true;
      const deadline = Date.now() + 3000;
      while (!expired()) {
        assert.ok(Date.now() < deadline, 'the claim token did not expire');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      harness.standIn.setClaimTokenLifetime(240);
    }
  });
});

suite('PlexTvAccountTools: link a device', () => {
  const harness = useStandIn();

  test('links a code, case-insensitively; the other device then gets a token for this account', async () => {
    const token = harness.standIn.issueToken('alice');
    const code = harness.standIn.createLinkCode({ clientIdentifier: 'living-room-tv-0001' });
    await accountTools(harness).linkDevice(token, ` ${code.code.toLowerCase()} `);
    const [request] = harness.requests('pins.link');
    assert.equal(request?.method, 'PUT');
    assert.equal(request?.path, '/api/v2/pins/link');
    assert.equal(request?.headers['x-plex-product'], 'Plex SSO');
    assert.equal(request?.headers['content-type'], 'application/x-www-form-urlencoded');
    // The TV's own poll now returns its token, bound to its client identifier.
    const tv = new PlexTvClient({ identity: { ...IDENTITY, clientIdentifier: code.clientIdentifier }, baseUrl: harness.standIn.plexTvUrl });
    const pin = await tv.checkPin(code.id);
    assert.ok(pin.authToken);
    assert.equal((await tv.getAccount(pin.authToken)).username, 'alice');
  });

  test('linking as a Home user gives the device that user', async () => {
    const adminToken = harness.standIn.issueToken('alice');
    const kids = await homeUser(harness, adminToken, 'Kids');
    const asKids = await accountTools(harness).switchHomeUser(adminToken, { uuid: kids.uuid });
    const code = harness.standIn.createLinkCode();
    await accountTools(harness).linkDevice(asKids.authToken, code.code);
    const tv = new PlexTvClient({ identity: { ...IDENTITY, clientIdentifier: code.clientIdentifier }, baseUrl: harness.standIn.plexTvUrl });
    const pin = await tv.checkPin(code.id);
    assert.equal((await tv.getAccount(pin.authToken ?? '')).title, 'Kids');
  });

  test('a wrong code is LinkCodeInvalidError (404, code 1020), not a sign-in error', async () => {
    const live = new Set(Array.from({ length: 3 }, () => harness.standIn.createLinkCode().code));
    const wrong = ['ZZZZ', 'YYYY', 'XXXX'].find((candidate) => !live.has(candidate)) ?? 'WWWW';
    const error = await rejectsWith(accountTools(harness).linkDevice(harness.standIn.issueToken('alice'), wrong), 'link-code-invalid');
    assert.equal(error.status, 404);
    assert.equal(error.plexCode, 1020);
    assert.equal(error.name, 'LinkCodeInvalidError');
  });

  test('an expired code and a code already linked are LinkCodeInvalidError', async () => {
    const token = harness.standIn.issueToken('alice');
    const expired = harness.standIn.createLinkCode();
    harness.standIn.expireLinkCode(expired.code);
    await rejectsWith(accountTools(harness).linkDevice(token, expired.code), 'link-code-invalid');
    const used = harness.standIn.createLinkCode();
    await accountTools(harness).linkDevice(token, used.code);
    await rejectsWith(accountTools(harness).linkDevice(token, used.code), 'link-code-invalid');
  });

  test('a malformed code is LinkCodeInvalidError without a request', async () => {
    for (const code of ['', 'AB1', 'ABCDE', 'AB-1', 'ÄBC1']) {
      await rejectsWith(accountTools(harness).linkDevice('token-not-used', code), 'link-code-invalid');
    }
    assert.equal(harness.requests('pins.link').length, 0);
  });
});
