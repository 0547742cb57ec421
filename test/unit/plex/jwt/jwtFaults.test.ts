// Every JWT failure the stand-in can produce, naturally or injected, gives the typed error the
// extension acts on; nonce life and single use; servers that refuse JWTs.
import * as assert from 'node:assert/strict';
import { PlexJwtRejectedError, generateDeviceKey, signDeviceJwt, type PlexJwtRejection } from '../../../../src/plex/index';
import { JWT_FAULTS } from '../../../standin/jwt/faults';
import { StandInControl } from '../../../standin/controlClient';
import { IDENTITY, assertNoIssuedToken, rejectsWith, serverOf, useStandIn } from '../helpers';
import { jwtAuth, jwtClient, registeredAuth, standInNow } from './helpers';

const OTHER_CLIENT = { ...IDENTITY, clientIdentifier: 'unit-test-client-0002' };

async function rejectionOf(promise: Promise<unknown>): Promise<PlexJwtRejection> {
  const error = await rejectsWith(promise, 'jwt-rejected');
  assert.ok(error instanceof PlexJwtRejectedError);
  return error.reason;
}

suite('JWT failures (stand-in)', () => {
  const harness = useStandIn();
  setup(() => harness.standIn.jwt.reset());
  teardown(() => {
    assertNoIssuedToken(harness.standIn, JSON.stringify(harness.clientLog));
    assertNoIssuedToken(harness.standIn, JSON.stringify(harness.standIn.log()));
  });

  test('429 on the nonce: a Retry-After beyond the cap is rate-limited at once, with that Retry-After; one without Retry-After is retried', async () => {
    const { auth } = await registeredAuth(harness);
    harness.standIn.clearLog();
    harness.standIn.addFault({ route: 'jwt.nonce', fault: { kind: 'rate-limit', retryAfterSeconds: 60 } });
    const error = await rejectsWith(auth.renew(), 'rate-limited');
    assert.equal(error.status, 429);
    assert.equal((error as { retryAfterSeconds?: number }).retryAfterSeconds, 60);
    assert.equal(harness.requests('jwt.nonce').length, 1, 'a minute is not waited out');
    assert.equal(harness.requests('jwt.token').length, 0);
    harness.standIn.clearFaults();
    harness.standIn.clearLog();
    harness.standIn.addFault({ route: 'jwt.nonce', fault: JWT_FAULTS.rateLimited, times: 1 });
    assert.ok(await auth.renew());
    assert.deepEqual(
      harness.requests('jwt.nonce').map((entry) => entry.status),
      [429, 200],
      'one 429 without Retry-After is retried',
    );
  });

  test('422 signature verification failed: injected, an unregistered key, a revoked device', async () => {
    const { auth } = await registeredAuth(harness);
    harness.standIn.addFault({ route: 'jwt.token', fault: JWT_FAULTS.signatureFailed, times: 1 });
    assert.equal(await rejectionOf(auth.renew()), 'device-signature-refused');

    assert.equal(await rejectionOf(jwtAuth(harness).auth.renew()), 'device-signature-refused', 'a key plex.tv never saw');

    const { token } = await auth.renew();
    harness.standIn.jwt.revokeDevice(IDENTITY.clientIdentifier);
    assert.equal(await rejectionOf(auth.renew()), 'device-signature-refused', 'a revoked device');
    const error = await rejectsWith(harness.plexTv().getAccount(token), 'token-invalid');
    assert.equal(error.status, 401);
  });

  test('422 thumbprint already taken: the same key from another client, on registration and on a PIN; and injected', async () => {
    const key = generateDeviceKey();
    await jwtAuth(harness, { key }).auth.register(harness.standIn.issueToken('alice'));
    const other = jwtAuth(harness, { key, identity: OTHER_CLIENT }).auth;
    assert.equal(await rejectionOf(other.register(harness.standIn.issueToken('carol'))), 'thumbprint-taken');
    assert.equal(await rejectionOf(other.createPin()), 'thumbprint-taken');
    harness.standIn.addFault({ route: 'jwt.register', fault: JWT_FAULTS.thumbprintTaken, times: 1 });
    assert.equal(await rejectionOf(jwtAuth(harness).auth.register(harness.standIn.issueToken('alice'))), 'thumbprint-taken');
  });

  test('498 token expired: injected, and a device JWT that expired on plex.tv\'s clock; both are token-invalid', async () => {
    const { auth, key, client } = await registeredAuth(harness);
    harness.standIn.addFault({ route: 'jwt.token', fault: JWT_FAULTS.expired, times: 1 });
    assert.equal((await rejectsWith(auth.renew(), 'token-invalid')).status, 498);

    const nonce = await client.getNonce();
    const stale = signDeviceJwt(key, { clientIdentifier: IDENTITY.clientIdentifier, nonce, nowMs: standInNow(harness.standIn) - 10 * 60_000 });
    assert.equal((await rejectsWith(client.exchangeDeviceJwt(stale), 'token-invalid')).status, 498);
  });

  test('flawed Plex JWTs are rejected with their reason and never returned', async () => {
    const { auth } = await registeredAuth(harness);
    await auth.renew(); // the published keys are now known
    const cases: [Parameters<typeof harness.standIn.jwt.addFlaw>[0], PlexJwtRejection][] = [
      ['unknown-key', 'unknown-signing-key'],
      ['wrong-thumbprint', 'wrong-thumbprint'],
      ['wrong-audience', 'wrong-audience'],
      ['wrong-issuer', 'wrong-issuer'],
    ];
    for (const [flaw, reason] of cases) {
      harness.standIn.clearLog();
      harness.standIn.jwt.addFlaw(flaw);
      assert.equal(await rejectionOf(auth.renew()), reason, flaw);
      // An unknown kid makes the client fetch the keys again before giving up.
      assert.equal(harness.requests('jwt.keys').length, flaw === 'unknown-key' ? 1 : 0, flaw);
    }
    assert.ok(await auth.renew(), 'flaws apply to the next JWT only');
  });

  test('flawed JWTs on the PIN path are rejected too', async () => {
    harness.standIn.setPinAutoApproval(1, 'alice');
    try {
      harness.standIn.jwt.addFlaw('wrong-audience');
      const { auth } = jwtAuth(harness);
      const pin = await auth.createPin();
      assert.equal(await rejectionOf(auth.checkPin(pin.id)), 'wrong-audience');
    } finally {
      harness.standIn.setPinAutoApproval(0, '');
    }
  });

  test('a JWT that expires in a minute is accepted and says so', async () => {
    const { auth } = await registeredAuth(harness);
    harness.standIn.jwt.addFlaw('expires-soon');
    const jwt = await auth.renew();
    assert.equal(jwt.expiresAt - jwt.claims.iat, 60);
    harness.standIn.jwt.advanceClock(61_000);
    const error = await rejectsWith(harness.plexTv().getAccount(jwt.token), 'token-invalid');
    assert.equal(error.status, 498, 'plex.tv answers 498 to an expired Plex JWT');
    assert.equal((await auth.renew()).claims.user?.username, 'alice', 'renewal works after expiry');
  });

  test('a rotated plex.tv key: the new JWT verifies after one more fetch of the keys', async () => {
    const { auth } = await registeredAuth(harness);
    const before = await auth.renew();
    harness.standIn.jwt.rotateSigningKey();
    harness.standIn.clearLog();
    const after = await auth.renew();
    assert.notEqual(after.signingKeyId, before.signingKeyId);
    assert.equal(harness.requests('jwt.keys').length, 1);
    assert.equal(harness.standIn.jwt.state().signingKeyIds.length, 2);
  });

  test('a nonce serves one exchange only', async () => {
    const { key, client } = await registeredAuth(harness);
    const deviceJwt = signDeviceJwt(key, { clientIdentifier: IDENTITY.clientIdentifier, nonce: await client.getNonce(), nowMs: standInNow(harness.standIn) });
    assert.ok(await client.exchangeDeviceJwt(deviceJwt));
    const error = await rejectsWith(client.exchangeDeviceJwt(deviceJwt), 'server-error');
    assert.equal(error.status, 400);
    assert.match(error.message, /Nonce already used/);
    const unknown = signDeviceJwt(key, { clientIdentifier: IDENTITY.clientIdentifier, nonce: 'made-up', nowMs: standInNow(harness.standIn) });
    assert.match((await rejectsWith(client.exchangeDeviceJwt(unknown), 'server-error')).message, /Invalid nonce/);
  });

  test('a nonce lives 5 minutes on the stand-in\'s clock', async () => {
    const { key, client } = await registeredAuth(harness);
    const sign = (nonce: string): string => signDeviceJwt(key, { clientIdentifier: IDENTITY.clientIdentifier, nonce, nowMs: standInNow(harness.standIn) });
    const fresh = await client.getNonce();
    harness.standIn.jwt.advanceClock(4 * 60_000 + 59_000);
    assert.ok(await client.exchangeDeviceJwt(sign(fresh)), 'still valid at 4:59');
    const aging = await client.getNonce();
    harness.standIn.jwt.advanceClock(5 * 60_000 + 1000);
    const error = await rejectsWith(client.exchangeDeviceJwt(sign(aging)), 'server-error');
    assert.equal(error.status, 400);
    assert.match(error.message, /Nonce expired/);
  });

  test("a PIN poll whose device JWT's nonce aged out on plex.tv is re-signed once", async () => {
    // The client's clock moves 2 minutes while the stand-in's moves 5: the client still trusts its device JWT.
    let clientOffsetMs = 0;
    const { auth } = jwtAuth(harness, { now: () => standInNow(harness.standIn) + clientOffsetMs });
    const pin = await auth.createPin();
    assert.equal(await auth.checkPin(pin.id), null);
    harness.standIn.jwt.advanceClock(5 * 60_000 + 1000);
    clientOffsetMs = -(3 * 60_000 + 1000);
    assert.equal(await auth.checkPin(pin.id), null);
    assert.equal(harness.requests('jwt.nonce').length, 2);
    assert.deepEqual(
      harness.requests('jwt.pins.check').map((entry) => entry.status),
      [200, 400, 200],
    );
  });

  test('a JWT PIN polled by another client or unknown is pin-expired; a PIN poll needs a device JWT', async () => {
    const { auth } = jwtAuth(harness);
    const pin = await auth.createPin();
    await rejectsWith(auth.checkPin(pin.id + 1000), 'pin-expired');
    const error = await rejectsWith(jwtClient(harness).checkJwtPin(pin.id, 'not-a-jwt'), 'server-error');
    assert.equal(error.status, 400);
  });

  test('servers refuse a Plex JWT by default, as Plex servers are reported to: server-refuses-jwt (2024: 401, 2026: 403); one set to accept it takes it', async () => {
    const { auth } = await registeredAuth(harness);
    const { token } = await auth.renew();
    const classic = harness.standIn.issueToken('alice');
    const library = serverOf(harness.standIn, "Alice's Library");
    const cloud = serverOf(harness.standIn, "Alice's Cloud");
    assert.equal(harness.standIn.jwt.state().serversRefuseJwt, true, 'the default');

    const refused = await rejectsWith(harness.mediaServer(library.url).getTransientToken(token), 'server-refuses-jwt');
    assert.equal(refused.status, 401);
    assert.ok(!refused.message.includes(token));
    const refusedHtml = await rejectsWith(
      harness.mediaServer(cloud.url).getSourceConnectionInformation(token, `server://${cloud.clientIdentifier}`),
      'server-refuses-jwt',
    );
    assert.equal(refusedHtml.status, 403);
    // A classic token refused by a server stays token-invalid, and classic tokens still work here.
    assert.match(await harness.mediaServer(library.url).getTransientToken(classic), /^transient-/);
    harness.standIn.revokeToken(classic);
    await rejectsWith(harness.mediaServer(library.url).getTransientToken(classic), 'token-invalid');

    // This test says otherwise: every server takes it, then one refuses again.
    harness.standIn.jwt.setServersRefuseJwt(false);
    harness.standIn.jwt.setServersRefuseJwt(true, cloud.clientIdentifier);
    assert.match(await harness.mediaServer(library.url).getTransientToken(token), /^transient-/);
    await rejectsWith(harness.mediaServer(cloud.url).getTransientToken(token), 'server-refuses-jwt');
    // reset() puts the default back.
    harness.standIn.reset();
    await rejectsWith(harness.mediaServer(library.url).getTransientToken(token), 'server-refuses-jwt');
  });

  test('with the reported classic-token revocation on, a JWT ends the classic token of its own client identifier only', async () => {
    harness.standIn.jwt.setRevokesClassicTokens(true);
    const sameClient = (await harness.plexTv().signIn({ login: 'alice', password: 'alice-password' })).authToken;
    const separate = jwtAuth(harness, { identity: OTHER_CLIENT }).auth;
    await separate.register(sameClient);
    await separate.renew();
    assert.equal((await harness.plexTv().getAccount(sameClient)).username, 'alice', 'a JWT under another identifier leaves it valid');
    const { auth } = jwtAuth(harness);
    await auth.register(sameClient);
    await auth.renew();
    await rejectsWith(harness.plexTv().getAccount(sameClient), 'token-invalid');
  });

  test('audit: every device JWT and Plex JWT is listed and counted among the issued tokens', async () => {
    const { auth } = await registeredAuth(harness);
    const jwts = [await auth.renew(), await auth.renew()].map((jwt) => jwt.token);
    const issued = harness.standIn.issuedTokens();
    const deviceJwts = harness.standIn.jwt.deviceJwts();
    assert.ok(deviceJwts.length >= 2);
    for (const token of [...jwts, ...deviceJwts]) {
      assert.ok(issued.includes(token));
    }
    for (const token of jwts) {
      assert.ok(harness.standIn.jwt.plexJwts().includes(token));
    }
  });

  test('the control API does over HTTP what standIn.jwt does', async () => {
    const control = new StandInControl(harness.standIn.plexTvUrl);
    const { auth } = await registeredAuth(harness);
    await control.jwt.addFlaw('wrong-issuer', 2);
    assert.deepEqual((await control.jwt.state()).flaws, [{ flaw: 'wrong-issuer', times: 2 }]);
    assert.equal(await rejectionOf(auth.renew()), 'wrong-issuer');
    await control.jwt.reset();
    assert.deepEqual((await control.jwt.state()).flaws, []);
    const jwt = await auth.renew();
    assert.ok((await control.jwt.plexJwts()).includes(jwt.token));
    assert.deepEqual(await control.jwt.deviceJwts(), harness.standIn.jwt.deviceJwts());

    await control.jwt.setServersRefuseJwt(true);
    assert.equal((await control.jwt.state()).serversRefuseJwt, true);
    await control.jwt.setServersRefuseJwt(false);
    await control.jwt.setRevokesClassicTokens(true);
    assert.equal(harness.standIn.jwt.state().revokesClassicTokens, true);
    await control.jwt.reset();
    assert.equal(harness.standIn.jwt.state().revokesClassicTokens, false);
    const offset = (await control.jwt.state()).clockOffsetMs;
    await control.jwt.advanceClock(1000);
    assert.equal((await control.jwt.state()).clockOffsetMs, offset + 1000);
    await control.jwt.rotateSigningKey();
    assert.equal((await control.jwt.state()).signingKeyIds.length, harness.standIn.jwt.state().signingKeyIds.length);
    await assert.rejects(control.jwt.addFlaw('no-such-flaw' as never), /unknown JWT flaw/);
    await control.jwt.revokeDevice(IDENTITY.clientIdentifier);
    assert.ok((await control.jwt.state()).registeredKeys.every((key) => key.clientIdentifier !== IDENTITY.clientIdentifier || key.revoked));
  });
});
