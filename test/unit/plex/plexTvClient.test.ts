// PlexTvClient against the stand-in over real HTTP: every operation's success path and the
// errors each operation maps from plex.tv's answers.
import * as assert from 'node:assert/strict';
import { IDENTITY, assertNoIssuedToken, rejectsWith, useStandIn } from './helpers';

suite('PlexTvClient', () => {
  const harness = useStandIn();

  suite('password sign-in', () => {
    test('returns the account token and the decoded account', async () => {
      const result = await harness.plexTv().signIn({ login: 'alice@example.com', password: 'alice-password' });
      assert.match(result.authToken, /^[\w-]{20}$/);
      assert.equal(result.account.username, 'alice');
      assert.equal(result.account.email, 'alice@example.com');
      assert.equal(result.account.twoFactorEnabled, false);
      assert.deepEqual(result.account.subscription, { active: false, status: 'Inactive', features: [] });
      // The token is one plex.tv really issued: it works for the account call.
      const account = await harness.plexTv().getAccount(result.authToken);
      assert.equal(account.id, result.account.id);
    });

    test('sends the form, the identity headers, and no token anywhere', async () => {
      await harness.plexTv().signIn({ login: 'alice', password: 'alice-password', rememberMe: true });
      const [request] = harness.requests('signin');
      assert.ok(request);
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/api/v2/users/signin');
      assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(request.headers['accept'], 'application/json');
      assert.equal(request.headers['x-plex-client-identifier'], IDENTITY.clientIdentifier);
      assert.equal(request.headers['x-plex-product'], IDENTITY.product);
      assert.equal(request.headers['x-plex-version'], IDENTITY.version);
      assert.equal(request.headers['x-plex-platform'], IDENTITY.platform);
      assert.equal(request.headers['x-plex-platform-version'], IDENTITY.platformVersion);
      assert.equal(request.headers['x-plex-device'], IDENTITY.device);
      assert.equal(request.headers['x-plex-device-name'], IDENTITY.deviceName);
      assert.equal(request.headers['x-plex-token'], undefined);
    });

    test('a Plex Pass account decodes its subscription', async () => {
      const { account } = await harness.plexTv().signIn({ login: 'carol', password: 'carol-password' });
      assert.equal(account.subscription?.active, true);
      assert.equal(account.subscription?.plan, 'lifetime');
      assert.ok(account.subscription?.features.includes('hardware_transcoding'));
    });

    test('a wrong password is InvalidCredentialsError (401, code 1001)', async () => {
      const error = await rejectsWith(harness.plexTv().signIn({ login: 'alice', password: 'wrong' }), 'invalid-credentials');
      assert.equal(error.status, 401);
      assert.equal(error.plexCode, 1001);
      assert.equal(error.name, 'InvalidCredentialsError');
      assert.ok(!error.message.includes('wrong'), 'the password must not appear in the message');
    });

    test('two-factor accounts need the code: TwoFactorRequiredError, then success with the code', async () => {
      const client = harness.plexTv();
      const error = await rejectsWith(client.signIn({ login: 'bob', password: 'bob-password' }), 'two-factor-required');
      assert.equal(error.status, 401);
      assert.equal(error.plexCode, 1029);
      const result = await client.signIn({ login: 'bob', password: 'bob-password', verificationCode: '123456' });
      assert.equal(result.account.twoFactorEnabled, true);
    });

    test('too many attempts (code 1031) is TooManyAttemptsError', async () => {
      harness.standIn.addFault({ route: 'signin', fault: { kind: 'too-many-attempts' }, times: 1 });
      const error = await rejectsWith(harness.plexTv().signIn({ login: 'alice', password: 'alice-password' }), 'too-many-attempts');
      assert.equal(error.plexCode, 1031);
    });

    test('a rate limit on sign-in is RateLimitedError with retryAfterSeconds, and is not retried', async () => {
      harness.standIn.addFault({ route: 'signin', fault: { kind: 'rate-limit', retryAfterSeconds: 7 } });
      const error = await rejectsWith(harness.plexTv().signIn({ login: 'alice', password: 'alice-password' }), 'rate-limited');
      assert.equal(error.status, 429);
      assert.equal(error.plexCode, 1003);
      assert.equal((error as { retryAfterSeconds?: number }).retryAfterSeconds, 7);
      assert.equal(harness.requests('signin').length, 1);
    });
  });

  suite('PIN sign-in', () => {
    test('createPin makes a strong PIN and sends X-Plex-Product', async () => {
      const pin = await harness.plexTv().createPin();
      assert.ok(Number.isInteger(pin.id));
      assert.match(pin.code, /^[a-z0-9]{25}$/);
      assert.ok(pin.expiresIn > 0);
      assert.equal(pin.authToken, null);
      assert.ok(pin.expiresAt);
      const [request] = harness.requests('pins.create');
      assert.equal(request?.path, '/api/v2/pins?strong=true');
      assert.equal(request?.headers['x-plex-product'], IDENTITY.product);
    });

    test('authUrl carries client id, code and product, and no token', async () => {
      const client = harness.plexTv();
      const pin = await client.createPin();
      const url = client.authUrl(pin);
      assert.equal(
        url,
        `https://app.plex.tv/auth#?clientID=${IDENTITY.clientIdentifier}&code=${pin.code}` +
          `&context%5Bdevice%5D%5Bproduct%5D=${encodeURIComponent(IDENTITY.product)}`,
      );
      const custom = client.authUrl({ ...pin, authToken: 'SECRETSECRETSECRET12' }, `${harness.standIn.authUrl}#old`);
      assert.ok(custom.startsWith(`${harness.standIn.authUrl}#?clientID=`));
      assert.ok(!custom.includes('SECRETSECRETSECRET12'));
    });

    test('authUrl carries forwardUrl, encoded, in the fragment: the page reads it back whole', async () => {
      const client = harness.plexTv();
      const pin = await client.createPin();
      const forward = 'http://127.0.0.1:8080/callback?vscode-reqid=1&vscode-scheme=code-oss&vscode-authority=plex-vscode.plex-vscode&vscode-path=%2FsignIn&vscode-query=pin%3D1%26state%3Dabc';
      const url = new URL(client.authUrl(pin, undefined, forward));
      assert.equal(url.search, '');
      const fragment = new URLSearchParams(url.hash.replace(/^#\?/, ''));
      assert.deepEqual([...fragment.keys()], ['clientID', 'code', 'context[device][product]', 'forwardUrl']);
      assert.equal(fragment.get('forwardUrl'), forward);
    });

    test('checkPin reports null until approved, then the token, which works', async () => {
      const client = harness.plexTv();
      const pin = await client.createPin();
      assert.equal((await client.checkPin(pin.id)).authToken, null);
      harness.standIn.approvePin(pin.id, 'carol');
      const approved = await client.checkPin(pin.id);
      assert.ok(approved.authToken);
      assert.equal((await client.getAccount(approved.authToken)).username, 'carol');
    });

    test('an expired PIN is PinExpiredError (404, code 1020)', async () => {
      const client = harness.plexTv();
      const pin = await client.createPin();
      harness.standIn.addFault({ route: 'pins.check', fault: { kind: 'pin-expired' } });
      const error = await rejectsWith(client.checkPin(pin.id), 'pin-expired');
      assert.equal(error.status, 404);
      assert.equal(error.plexCode, 1020);
      assert.equal(harness.requests('pins.check').length, 1, '404 is not retried');
    });

    test('an unknown PIN id is PinExpiredError too', async () => {
      await rejectsWith(harness.plexTv().checkPin(1), 'pin-expired');
    });

    test('polling too fast (429, code 1003) is retried after Retry-After and then succeeds', async () => {
      const client = harness.plexTv();
      const pin = await client.createPin();
      harness.standIn.addFault({ route: 'pins.check', fault: { kind: 'rate-limit', retryAfterSeconds: 0 }, times: 1 });
      assert.equal((await client.checkPin(pin.id)).id, pin.id);
      assert.equal(harness.requests('pins.check').length, 2);
    });

    test('PIN creation is never retried', async () => {
      harness.standIn.addFault({ route: 'pins.create', fault: { kind: 'status', status: 503 } });
      const error = await rejectsWith(harness.plexTv().createPin(), 'server-error');
      assert.equal(error.status, 503);
      assert.equal(harness.requests('pins.create').length, 1);
    });

    test('a malformed PIN id is refused before any request', async () => {
      await assert.rejects(harness.plexTv().checkPin(Number.NaN), TypeError);
      assert.equal(harness.requests('pins.check').length, 0);
    });
  });

  suite('account', () => {
    test('getAccount decodes the UserPlexAccount and sends the token only as X-Plex-Token', async () => {
      const token = harness.standIn.issueToken('alice');
      const account = await harness.plexTv().getAccount(token);
      assert.equal(account.username, 'alice');
      assert.equal(account.title, 'Alice');
      assert.equal(account.friendlyName, 'Alice');
      assert.equal(typeof account.joinedAt, 'number');
      // alice administers the stand-in's Plex Home (admin, Dana, Kids, Guest).
      assert.equal(account.home, true);
      assert.equal(account.homeAdmin, true);
      assert.equal(account.homeSize, 4);
      assert.match(account.thumb ?? '', /^https:\/\/plex\.tv\/users\//);
      const [request] = harness.requests('user');
      assert.equal(request?.path, '/api/v2/user');
      assert.equal(request?.headers['x-plex-token'], '***', 'the stand-in saw the token header (and redacted it)');
    });

    test('a revoked token is TokenInvalidError (401) and is not retried', async () => {
      const token = harness.standIn.issueToken('alice');
      harness.standIn.revokeToken(token);
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'token-invalid');
      assert.equal(error.status, 401);
      assert.equal(error.plexCode, 1001);
      assert.equal(harness.requests('user').length, 1);
      assertNoIssuedToken(harness.standIn, error.message);
    });

    test('a 500 is PlexServerError, not an invalid token', async () => {
      const token = harness.standIn.issueToken('alice');
      harness.standIn.addFault({ route: 'user', fault: { kind: 'status', status: 500 } });
      const error = await rejectsWith(harness.plexTv().getAccount(token), 'server-error');
      assert.equal(error.status, 500);
      assert.equal(harness.requests('user').length, 1, '500 is not among the retried statuses');
    });

    test('an empty or malformed token is TokenInvalidError without a request', async () => {
      await rejectsWith(harness.plexTv().getAccount(''), 'token-invalid');
      await rejectsWith(harness.plexTv().getAccount('abc\r\nX-Evil: 1'), 'token-invalid');
      assert.equal(harness.requests('user').length, 0);
    });
  });

  suite('servers', () => {
    test('getServers keeps only servers and ranks their connections: local first, https before http whatever plex.tv\'s order', async () => {
      const token = harness.standIn.issueToken('alice');
      const servers = await harness.plexTv().getServers(token);
      assert.deepEqual(
        servers.map((server) => server.name),
        ["Alice's Library", "Alice's Cloud"],
        'the player device is filtered out',
      );
      const [library, cloud] = servers;
      assert.ok(library && cloud);
      assert.equal(library.owned, true);
      assert.ok(library.accessToken);
      assert.deepEqual(
        library.connections.map((connection) => [connection.local, connection.relay, connection.protocol]),
        [
          [true, false, 'http'],
          [false, false, 'https'],
        ],
      );
      assert.deepEqual(
        cloud.connections.map((connection) => connection.relay),
        [true],
      );
      const [request] = harness.requests('resources');
      assert.equal(request?.path, '/api/v2/resources?includeHttps=1&includeRelay=1');

      // plex.tv lists the Library's http connection before its https one; both remote, https comes first.
      harness.standIn.addFault({ route: 'resources', fault: { kind: 'set-field', field: '1.connections.0.local', value: false }, times: 1 });
      const [reordered] = await harness.plexTv().getServers(token);
      assert.deepEqual(
        reordered?.connections.map((connection) => [connection.local, connection.protocol]),
        [
          [false, 'https'],
          [false, 'http'],
        ],
      );
    });

    test('an account without servers gets an empty list', async () => {
      assert.deepEqual(await harness.plexTv().getServers(harness.standIn.issueToken('bob')), []);
    });

    test('a revoked token is TokenInvalidError', async () => {
      await rejectsWith(harness.plexTv().getServers('Xnotatokenatall00000'), 'token-invalid');
    });
  });

  suite('sign-out', () => {
    test('revokes the token at plex.tv (DELETE, 204)', async () => {
      const client = harness.plexTv();
      const token = harness.standIn.issueToken('alice');
      await client.signOut(token);
      const [request] = harness.requests('signout');
      assert.equal(request?.method, 'DELETE');
      assert.equal(request?.status, 204);
      await rejectsWith(client.getAccount(token), 'token-invalid');
    });

    test('is never retried', async () => {
      harness.standIn.addFault({ route: 'signout', fault: { kind: 'status', status: 503 } });
      await rejectsWith(harness.plexTv().signOut(harness.standIn.issueToken('alice')), 'server-error');
      assert.equal(harness.requests('signout').length, 1);
    });

    test('with an already revoked token is TokenInvalidError', async () => {
      await rejectsWith(harness.plexTv().signOut('Xnotatokenatall00000'), 'token-invalid');
    });
  });
});
