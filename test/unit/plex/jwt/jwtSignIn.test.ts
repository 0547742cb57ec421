// JWT device authentication end to end against the stand-in over real HTTP: the browser sign-in
// with a JWK-carrying PIN, registration with a classic token, renewal, and the PMS with a JWT.
import * as assert from 'node:assert/strict';
import { assertNoIssuedToken, rejectsWith, serverOf, useStandIn, IDENTITY } from '../helpers';
import { jwtAuth, registeredAuth } from './helpers';

suite('JWT sign-in and renewal (stand-in)', () => {
  const harness = useStandIn();
  setup(() => harness.standIn.jwt.reset());
  teardown(() => {
    // No device JWT, Plex JWT or classic token in either side's log.
    assertNoIssuedToken(harness.standIn, JSON.stringify(harness.clientLog));
    assertNoIssuedToken(harness.standIn, JSON.stringify(harness.standIn.log()));
  });

  test('browser sign-in: JWK PIN, approval on the auth page, polls with one device JWT, a verified Plex JWT', async () => {
    const { auth } = jwtAuth(harness);
    const pin = await auth.createPin();
    assert.match(pin.code, /^[a-z0-9]{25}$/, 'a strong code');
    assert.equal(await auth.checkPin(pin.id), null);

    const approved = await fetch(new URL('/auth/approve', harness.standIn.authUrl), {
      method: 'POST',
      body: new URLSearchParams({ code: pin.code, clientID: IDENTITY.clientIdentifier, username: 'alice' }),
    });
    assert.equal(approved.status, 200);
    const jwt = await auth.checkPin(pin.id);
    assert.ok(jwt);
    assert.equal(jwt.claims.user?.username, 'alice');
    assert.equal(jwt.claims.thumbprint, auth.keyId);
    assert.ok(jwt.claims.aud.includes(IDENTITY.clientIdentifier));
    assert.ok(jwt.expiresAt - jwt.claims.iat === 7 * 24 * 3600);

    const [create] = harness.requests('jwt.pins.create');
    assert.ok(create);
    assert.equal(create.path, '/clients/api/v2/pins');
    assert.equal(create.headers['content-type'], 'application/json');
    assert.equal(create.headers['x-plex-token'], undefined);
    const polls = harness.requests('jwt.pins.check');
    assert.equal(polls.length, 2);
    assert.ok(polls.every((poll) => poll.path === `/clients/api/v2/pins/${pin.id}?deviceJWT=***`));
    assert.equal(harness.requests('jwt.nonce').length, 1, 'one device JWT serves every poll');
    assert.equal(harness.requests('jwt.keys').length, 1);
    assert.equal(harness.standIn.jwt.deviceJwts().length, 2);
  });

  test('the Plex JWT works as a token: plex.tv account and servers, and, on servers set to accept it, PMS transient token and source information', async () => {
    // Plex servers are reported to refuse Plex JWTs (the stand-in's default); these take them.
    harness.standIn.jwt.setServersRefuseJwt(false);
    const { auth } = await registeredAuth(harness);
    const { token } = await auth.renew();
    const account = await harness.plexTv().getAccount(token);
    assert.equal(account.username, 'alice');
    assert.equal((await harness.plexTv().getServers(token)).length, 2);
    for (const name of ["Alice's Library", "Alice's Cloud"]) {
      const server = serverOf(harness.standIn, name);
      const transient = await harness.mediaServer(server.url).getTransientToken(token);
      assert.match(transient, /^transient-/);
      const info = await harness.mediaServer(server.url).getSourceConnectionInformation(token, `server://${server.clientIdentifier}`);
      assert.equal(info.clientIdentifier, server.clientIdentifier);
    }
  });

  test('renewal: nonce, signed device JWT, exchange; two requests once the keys are known, and both JWTs work', async () => {
    const { auth } = await registeredAuth(harness);
    const first = await auth.renew();
    harness.standIn.clearLog();
    const second = await auth.renew();
    assert.notEqual(second.token, first.token);
    assert.deepEqual(
      harness.standIn.log().map((entry) => entry.route),
      ['jwt.nonce', 'jwt.token'],
    );
    const [exchange] = harness.requests('jwt.token');
    assert.equal(exchange?.headers['content-type'], 'application/json');
    assert.equal(exchange?.headers['x-plex-token'], undefined, 'renewal needs no token');
    for (const token of [first.token, second.token]) {
      assert.equal((await harness.plexTv().getAccount(token)).username, 'alice');
    }
  });

  test('a renewal after a JWT browser sign-in needs no registration', async () => {
    harness.standIn.setPinAutoApproval(1, 'carol');
    try {
      const { auth } = jwtAuth(harness);
      const pin = await auth.createPin();
      const signedIn = await auth.checkPin(pin.id);
      assert.equal(signedIn?.claims.user?.username, 'carol');
      const renewed = await auth.renew();
      assert.equal(renewed.claims.user?.username, 'carol');
      assert.equal(harness.requests('jwt.register').length, 0);
    } finally {
      harness.standIn.setPinAutoApproval(0, '');
    }
  });

  test('sign-out with a Plex JWT revokes it at plex.tv', async () => {
    const { auth } = await registeredAuth(harness);
    const { token } = await auth.renew();
    await harness.plexTv().signOut(token);
    assert.equal((await rejectsWith(harness.plexTv().getAccount(token), 'token-invalid')).status, 401);
  });

  test('two renewals at once share one exchange', async () => {
    const { auth } = await registeredAuth(harness);
    harness.standIn.clearLog();
    const [a, b] = await Promise.all([auth.renew(), auth.renew()]);
    assert.equal(a.token, b.token);
    assert.equal(harness.requests('jwt.token').length, 1);
  });

  test('registration sends the public JWK with the classic token; a revoked classic token is token-invalid', async () => {
    const { auth } = await registeredAuth(harness, 'bob');
    const [register] = harness.requests('jwt.register');
    assert.equal(register?.method, 'POST');
    assert.equal(register?.headers['x-plex-token'], '***');
    assert.equal((await auth.renew()).claims.user?.username, 'bob');
    const state = harness.standIn.jwt.state();
    assert.ok(state.registeredKeys.some((key) => key.kid === auth.keyId && key.username === 'bob'));

    const classic = harness.standIn.issueToken('alice');
    harness.standIn.revokeToken(classic);
    const error = await rejectsWith(jwtAuth(harness).auth.register(classic), 'token-invalid');
    assert.equal(error.status, 401);
  });
});
