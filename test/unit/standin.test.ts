// Self-test of the Plex stand-in over real sockets: the behaviour the service layer, integration
// and end-to-end tests rely on.
import * as assert from 'node:assert/strict';
import { connect } from 'node:net';
import { type StandIn, startStandIn } from '../standin/index';
import { StandInControl } from '../standin/controlClient';

const CLIENT_ID = 'standin-self-test';

interface Call {
  method?: string;
  token?: string;
  clientId?: string | null;
  json?: boolean;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function plexFetch(url: string, call: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { 'X-Plex-Product': 'Stand-in self-test', ...call.headers };
  if (call.clientId !== null) headers['X-Plex-Client-Identifier'] = call.clientId ?? CLIENT_ID;
  if (call.json !== false) headers.Accept = 'application/json';
  if (call.token !== undefined) headers['X-Plex-Token'] = call.token;
  let body: string | undefined;
  if (call.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  }
  return fetch(url, { method: call.method ?? 'GET', headers, body, signal: call.signal, redirect: 'manual' });
}

async function plexErrorCode(response: Response): Promise<number> {
  const body = (await response.json()) as { errors: { code: number; status: number }[] };
  assert.equal(body.errors[0].status, response.status);
  return body.errors[0].code;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function portRefuses(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

suite('Plex stand-in', () => {
  let standIn: StandIn;
  let plexTv: string;
  const library = 'a11ce0000000000000000000000000000000001'; // 2024-09 spec
  const cloud = 'a11ce0000000000000000000000000000000002'; // 2026-02 spec
  const serverUrl = (id: string): string => {
    const server = standIn.servers.find((candidate) => candidate.clientIdentifier === id);
    assert.ok(server, `no server ${id}`);
    return server.url;
  };

  suiteSetup(async () => {
    standIn = await startStandIn();
    plexTv = `${standIn.plexTvUrl}/api/v2`;
  });
  suiteTeardown(() => standIn.close());
  setup(() => {
    standIn.clearFaults();
    standIn.clearLog();
    standIn.setPinAutoApproval(0, '');
  });

  test('rejects a request without X-Plex-Client-Identifier with 400 code 1000', async () => {
    const response = await plexFetch(`${plexTv}/user`, { clientId: null, token: standIn.issueToken('alice') });
    assert.equal(response.status, 400);
    assert.equal(await plexErrorCode(response), 1000);
  });

  test('answers 401 code 1001 for a missing or unknown token, and XML without Accept: application/json', async () => {
    assert.equal(await plexErrorCode(await plexFetch(`${plexTv}/user`)), 1001);
    const xml = await plexFetch(`${plexTv}/user`, { token: 'NotAToken1234567890a', json: false });
    assert.equal(xml.status, 401);
    assert.match(xml.headers.get('content-type') ?? '', /xml/);
    assert.match(await xml.text(), /<errors size="1"><error code="1001" message="User could not be authenticated" status="401"\/><\/errors>/);
  });

  test('password sign-in: wrong password 1001, two-factor 1029 until the right code, then a working token', async () => {
    const signIn = (form: Record<string, string>): Promise<Response> => plexFetch(`${plexTv}/users/signin`, { method: 'POST', form });
    const wrong = await signIn({ login: 'alice', password: 'nope' });
    assert.equal(wrong.status, 401);
    assert.equal(await plexErrorCode(wrong), 1001);
    assert.equal(await plexErrorCode(await signIn({ login: 'bob', password: 'bob-password' })), 1029);
    assert.equal(await plexErrorCode(await signIn({ login: 'bob', password: 'bob-password', verificationCode: '000000' })), 1029);

    const ok = await signIn({ login: 'bob@example.com', password: 'bob-password', verificationCode: '123456', rememberMe: 'true' });
    assert.equal(ok.status, 201);
    const account = (await ok.json()) as { username: string; authToken: string; twoFactorEnabled: boolean };
    assert.equal(account.username, 'bob');
    assert.equal(account.twoFactorEnabled, true);
    assert.match(account.authToken, /^[A-Za-z0-9_-]{20}$/);

    const user = await plexFetch(`${plexTv}/user`, { token: account.authToken });
    assert.equal(user.status, 200);
    assert.equal(((await user.json()) as { email: string }).email, 'bob@example.com');

    assert.equal((await plexFetch(`${plexTv}/users/signout`, { method: 'DELETE', token: account.authToken })).status, 204);
    assert.equal((await plexFetch(`${plexTv}/user`, { token: account.authToken })).status, 401);
  });

  test('the Plex Pass account shows an active subscription', async () => {
    const user = await plexFetch(`${plexTv}/user`, { token: standIn.issueToken('carol') });
    const body = (await user.json()) as { subscription: { active: boolean; features: string[] } };
    assert.equal(body.subscription.active, true);
    assert.ok(body.subscription.features.length > 0);
  });

  test('PIN flow: strong PIN, same-client polling, approval on the auth page, then the token', async () => {
    const created = await plexFetch(`${plexTv}/pins?strong=true`, { method: 'POST' });
    assert.equal(created.status, 201);
    const pin = (await created.json()) as { id: number; code: string; expiresIn: number; authToken: string | null };
    assert.equal(pin.code.length, 25);
    assert.equal(pin.expiresIn, 1800);
    assert.equal(pin.authToken, null);

    const otherClient = await plexFetch(`${plexTv}/pins/${pin.id}`, { clientId: 'someone-else' });
    assert.equal(await plexErrorCode(otherClient), 1020);
    assert.equal(standIn.violations().filter((v) => v.includes(`PIN ${pin.id}`)).length, 1);

    const page = await fetch(standIn.authUrl);
    const html = await page.text();
    assert.match(html, /Sign in as alice/);
    assert.match(html, /context\[device\]\[product\]/);

    const approveUrl = new URL('/auth/approve', standIn.authUrl);
    const approved = await fetch(approveUrl, { method: 'POST', body: new URLSearchParams({ code: pin.code, clientID: CLIENT_ID, username: 'alice' }) });
    assert.equal(approved.status, 200);
    assert.match(await approved.text(), /Approved, you can close this tab/);

    const polled = (await (await plexFetch(`${plexTv}/pins/${pin.id}`)).json()) as { authToken: string | null };
    assert.ok(polled.authToken !== null);
    const user = (await (await plexFetch(`${plexTv}/user`, { token: polled.authToken })).json()) as { username: string };
    assert.equal(user.username, 'alice');

    assert.equal(await plexErrorCode(await plexFetch(`${plexTv}/pins/999`)), 1020);
  });

  test('the auth page sends the browser to forwardUrl after approval (303), never to a script or file', async () => {
    const page = await (await fetch(standIn.authUrl)).text();
    assert.match(page, /name="forwardUrl"/);
    assert.match(page, /params\.get\('forwardUrl'\)/);
    const approveUrl = new URL('/auth/approve', standIn.authUrl);
    const approve = async (forwardUrl: string): Promise<Response> => {
      const pin = (await (await plexFetch(`${plexTv}/pins?strong=true`, { method: 'POST' })).json()) as { code: string };
      return fetch(approveUrl, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ code: pin.code, clientID: CLIENT_ID, username: 'alice', forwardUrl }) });
    };
    const forward = 'http://127.0.0.1:9/callback?vscode-reqid=1&vscode-query=pin%3D1%26state%3Dabc';
    const redirected = await approve(forward);
    assert.equal(redirected.status, 303);
    assert.equal(redirected.headers.get('location'), forward);
    assert.equal((await approve('vscode://plex-vscode.plex-vscode/signIn?pin=1&state=abc')).headers.get('location'), 'vscode://plex-vscode.plex-vscode/signIn?pin=1&state=abc');
    for (const unsafe of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'not a url', '']) {
      const shown = await approve(unsafe);
      assert.equal(shown.status, 200, unsafe);
      assert.match(await shown.text(), /Approved, you can close this tab/);
    }
  });

  test('PIN auto-approval happens on the configured poll', async () => {
    standIn.setPinAutoApproval(2, 'carol');
    const pin = (await (await plexFetch(`${plexTv}/pins?strong=true`, { method: 'POST' })).json()) as { id: number };
    const poll = async (): Promise<string | null> =>
      ((await (await plexFetch(`${plexTv}/pins/${pin.id}`)).json()) as { authToken: string | null }).authToken;
    assert.equal(await poll(), null);
    const token = await poll();
    assert.ok(token !== null);
    assert.ok(standIn.issuedTokens().includes(token));
  });

  test('resources list a player and both servers, with connections that filter by includeHttps/includeRelay', async () => {
    const token = standIn.issueToken('alice');
    type Device = { name: string; provides: string; accessToken: string; connections: { uri: string; local: boolean; relay: boolean; protocol: string }[] };
    const all = (await (await plexFetch(`${plexTv}/resources?includeHttps=1&includeRelay=1`, { token })).json()) as Device[];
    assert.deepEqual(all.map((device) => device.provides), ['client,player,pubsub-player', 'server', 'server']);
    const [, libraryDevice, cloudDevice] = all;
    assert.deepEqual(
      libraryDevice.connections.map(({ uri, local, relay }) => ({ uri, local, relay })),
      [
        { uri: serverUrl(library), local: true, relay: false },
        { uri: 'https://127.0.0.1:1', local: false, relay: false },
      ],
    );
    assert.deepEqual(cloudDevice.connections.map(({ uri, relay }) => ({ uri, relay })), [{ uri: serverUrl(cloud), relay: true }]);

    const plain = (await (await plexFetch(`${plexTv}/resources`, { token })).json()) as Device[];
    assert.deepEqual(plain.map((device) => device.connections.length), [0, 1, 0]);
    assert.equal(await plexErrorCode(await plexFetch(`${plexTv}/resources`, { token: 'x' })), 1001);
  });

  test('transient tokens: 2024 servers answer GET only, 2026 servers any verb; a restart invalidates them', async () => {
    const token = standIn.issueToken('alice');
    const path = '/security/token?type=delegation&scope=all';
    assert.equal((await plexFetch(`${serverUrl(library)}${path}`, { method: 'POST', token })).status, 405);
    const fromGet = (await (await plexFetch(`${serverUrl(library)}${path}`, { token })).json()) as { MediaContainer: { token: string } };
    assert.match(fromGet.MediaContainer.token, /^transient-[0-9a-f-]{36}$/);

    const xml = await (await plexFetch(`${serverUrl(cloud)}${path}`, { method: 'POST', token, json: false })).text();
    const transient = /<MediaContainer size="0" token="(transient-[0-9a-f-]+)"\/>/.exec(xml)?.[1];
    assert.ok(transient !== undefined, xml);

    const source = `/security/resources?source=server://${library}`;
    const info = await plexFetch(`${serverUrl(cloud)}${source}`, { token: transient });
    assert.equal(info.status, 200);
    const device = ((await info.json()) as { MediaContainer: { Device: { clientIdentifier: string; Connection: unknown[] } } }).MediaContainer.Device;
    assert.equal(device.clientIdentifier, library);
    assert.equal(device.Connection.length, 2);

    standIn.restartServer(cloud);
    const after = await plexFetch(`${serverUrl(cloud)}${source}`, { token: transient });
    assert.equal(after.status, 403);
    assert.match(after.headers.get('content-type') ?? '', /text\/html/);
    const badParams = await plexFetch(`${serverUrl(library)}/security/token?type=other&scope=all`, { token });
    assert.equal(await plexErrorCode(badParams), 1000);
  });

  test('faults: a counted rate limit, then the normal answer; counts show in the request log', async () => {
    const token = standIn.issueToken('alice');
    standIn.addFault({ route: 'user', fault: { kind: 'rate-limit', retryAfterSeconds: 2 }, times: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const limited = await plexFetch(`${plexTv}/user`, { token });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '2');
      assert.equal(await plexErrorCode(limited), 1003);
    }
    assert.equal((await plexFetch(`${plexTv}/user`, { token })).status, 200);
    assert.deepEqual(standIn.log().filter((entry) => entry.route === 'user').map((entry) => entry.status), [429, 429, 200]);
  });

  test('faults: missing field, wrong type, malformed JSON, XML, reset, and a server filter', async () => {
    const token = standIn.issueToken('alice');
    standIn.addFault({ route: 'user', fault: { kind: 'missing-field', field: 'subscription.active' }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'wrong-type', field: 'id' }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'malformed-json' }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'xml' }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'reset' }, times: 1 });
    const missing = (await (await plexFetch(`${plexTv}/user`, { token })).json()) as { subscription: Record<string, unknown> };
    assert.ok(!('active' in missing.subscription));
    assert.equal(((await (await plexFetch(`${plexTv}/user`, { token })).json()) as { id: unknown }).id, 'not-a-number');
    await assert.rejects((await plexFetch(`${plexTv}/user`, { token })).json(), SyntaxError);
    assert.match(await (await plexFetch(`${plexTv}/user`, { token })).text(), /^<\?xml/);
    await assert.rejects(plexFetch(`${plexTv}/user`, { token }), TypeError);

    standIn.addFault({ route: 'pms.identity', server: cloud, fault: { kind: 'status', status: 503 } });
    assert.equal((await plexFetch(`${serverUrl(library)}/identity`)).status, 200);
    assert.equal((await plexFetch(`${serverUrl(cloud)}/identity`)).status, 503);
  });

  test('faults: an oversized body arrives without Content-Length; slow answers arrive late', async () => {
    standIn.addFault({ route: 'pms.identity', fault: { kind: 'oversized', bytes: 300_000 }, times: 1 });
    const big = await plexFetch(`${serverUrl(library)}/identity`);
    assert.equal(big.headers.get('content-length'), null);
    assert.equal((await big.arrayBuffer()).byteLength, 300_000);

    standIn.addFault({ route: 'pms.identity', fault: { kind: 'slow', delayMs: 150 }, times: 1 });
    const started = Date.now();
    assert.equal((await plexFetch(`${serverUrl(library)}/identity`)).status, 200);
    assert.ok(Date.now() - started >= 140);
  });

  test('faults: the remaining kinds answer as documented', async () => {
    const token = standIn.issueToken('alice');
    const user = (): Promise<Response> => plexFetch(`${plexTv}/user`, { token });
    standIn.addFault({ route: 'signin', fault: { kind: 'too-many-attempts' }, times: 1 });
    const signIn = await plexFetch(`${plexTv}/users/signin`, { method: 'POST', form: { login: 'alice', password: 'alice-password' } });
    assert.equal(await plexErrorCode(signIn), 1031);
    standIn.addFault({ route: 'pins.check', fault: { kind: 'pin-expired' }, times: 1 });
    assert.equal(await plexErrorCode(await plexFetch(`${plexTv}/pins/1`)), 1020);

    standIn.addFault({ route: 'user', fault: { kind: 'status', status: 502, code: 1999, message: 'Bad gateway' }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'html-error' }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'redirect', location: 'https://example.invalid/' }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'trickle', bytesPerSecond: 20_000 }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'reset-mid-body' }, times: 1 });
    assert.equal(await plexErrorCode(await user()), 1999);
    const html = await user();
    assert.equal(html.status, 500);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    const redirect = await user();
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('location'), 'https://example.invalid/');
    assert.equal(((await (await user()).json()) as { username: string }).username, 'alice');
    const cut = await user();
    assert.equal(cut.status, 200);
    await assert.rejects(cut.text());
    assert.equal((await user()).status, 200);
  });

  test('faults: a field set to a given value, deeply nested JSON, invalid UTF-8 in a string', async () => {
    const token = standIn.issueToken('alice');
    standIn.addFault({ route: 'resources', fault: { kind: 'set-field', field: 'name', value: '[x](command:y)' }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'deep-json', depth: 5000 }, times: 1 });
    standIn.addFault({ route: 'user', fault: { kind: 'invalid-utf8', field: 'username' }, times: 1 });
    const devices = (await (await plexFetch(`${plexTv}/resources`, { token })).json()) as { name: string }[];
    assert.ok(devices.length > 1 && devices.every((device) => device.name === '[x](command:y)'));
    const deep = await (await plexFetch(`${plexTv}/user`, { token })).text();
    assert.equal(deep.length, '{"MediaContainer":}'.length + 2 * 5000);
    assert.doesNotThrow(() => JSON.parse(deep));
    const bytes = Buffer.from(await (await plexFetch(`${plexTv}/user`, { token })).arrayBuffer());
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), TypeError);
    assert.equal((JSON.parse(bytes.toString('utf8')) as { username: string }).username.endsWith('alice'), true);
  });

  test('a token in the query string is answered but recorded as a violation, and redacted from the log', async () => {
    const token = standIn.issueToken('alice');
    const before = standIn.violations().length;
    const response = await plexFetch(`${plexTv}/user?X-Plex-Token=${token}`);
    assert.equal(response.status, 200);
    assert.equal(standIn.violations().length, before + 1);
    assert.match(standIn.violations()[before], /token in query string/);
    const logged = JSON.stringify(standIn.log());
    assert.ok(!logged.includes(token));
    assert.match(logged, /X-Plex-Token=\*\*\*/);
  });

  test('the control API does over HTTP what the StandIn object does', async () => {
    const control = new StandInControl(standIn.plexTvUrl);
    const state = await control.state();
    assert.equal(state.authUrl, standIn.authUrl);
    assert.deepEqual(state.servers, standIn.servers);

    const token = await control.issueToken('carol');
    assert.ok(standIn.issuedTokens().includes(token));
    await control.addFault({ route: 'user', fault: { kind: 'token-revoked' }, times: 1 });
    assert.equal((await control.faults()).length, 1);
    assert.equal((await plexFetch(`${plexTv}/user`, { token })).status, 401);
    assert.equal((await plexFetch(`${plexTv}/user`, { token })).status, 200);
    assert.equal((await control.log()).length, 2);
    await control.clearLog();
    assert.equal(standIn.log().length, 0);

    const pin = (await (await plexFetch(`${plexTv}/pins?strong=true`, { method: 'POST' })).json()) as { id: number; code: string };
    await control.approvePin({ code: pin.code }, 'alice');
    const approved = (await (await plexFetch(`${plexTv}/pins/${pin.id}`)).json()) as { authToken: string | null };
    assert.ok(approved.authToken !== null);

    await control.revokeToken(token);
    assert.equal((await plexFetch(`${plexTv}/user`, { token })).status, 401);
    await control.restartServer(cloud);
    assert.deepEqual(await control.violations(), standIn.violations());
    assert.deepEqual(await control.issuedTokens(), standIn.issuedTokens());
    await assert.rejects(control.issueToken('nobody'), /400/);
  });

  test('a delayed connection drops a request whose client left during the delay: nothing served, nothing logged', async () => {
    const own = await startStandIn({
      accounts: [{ username: 'dan', email: 'dan@example.com', password: 'pw', servers: [{ name: 'Dan', clientIdentifier: 'dan-pms', connections: [{ protocol: 'http', local: true, relay: false, delayMs: 300 }] }] }],
    });
    try {
      const resources = (await (await plexFetch(`${own.plexTvUrl}/api/v2/resources`, { token: own.issueToken('dan') })).json()) as { connections?: { uri: string }[] }[];
      const uri = resources.flatMap((resource) => resource.connections ?? [])[0]?.uri;
      assert.ok(uri);
      own.clearLog();
      await assert.rejects(plexFetch(`${uri}/identity`, { signal: AbortSignal.timeout(50) }));
      // Sent after the abandoned one, so its delay ends after the abandoned one's.
      const waited = await plexFetch(`${uri}/identity`);
      assert.equal(waited.status, 200);
      await waited.arrayBuffer();
      assert.deepEqual(own.log().map((entry) => `${entry.route} ${entry.status}`), ['pms.identity 200']);
    } finally {
      await own.close();
    }
  });

  test('close() releases every port, even with a request hanging', async () => {
    const own = await startStandIn({ accounts: [{ username: 'dan', email: 'dan@example.com', password: 'pw', servers: [{ name: 'Dan', clientIdentifier: 'dan-pms', connections: [{ protocol: 'http', local: true, relay: false }] }] }] });
    own.addFault({ route: '*', fault: { kind: 'hang' } });
    const hung = plexFetch(`${own.plexTvUrl}/api/v2/user`, { token: own.issueToken('dan') });
    await waitFor(() => own.log().length === 1, 'the hung request to arrive');
    await own.close();
    await assert.rejects(hung, TypeError);
    for (const url of [own.plexTvUrl, own.authUrl, ...own.servers.map((server) => server.url)]) {
      assert.equal(await portRefuses(url), true, `${url} still accepts connections`);
    }
  });
});
