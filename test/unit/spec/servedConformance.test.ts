// The stand-in holds every answer it serves to the specs, in whichever process runs it: normal
// answers against the documented ones, a fault's error answer against Plex's error shape, a 404 or
// 405 against the site's error form; and the service layer's requests against the documented
// parameters and body fields. What deviations.ts does not list is a violation, as it happens.
import * as assert from 'node:assert/strict';
import { type ConformanceExchange, checkExchange, checkUnrouted } from '../../spec/conformance';
import { type PlexSpecs, plexSpecs } from '../../spec/specs';
import { PlexTvClient } from '../../../src/plex/index';
import { startStandIn, type StandIn } from '../../standin/index';
import { IDENTITY, rejectsWith } from '../plex/helpers';

/** What the service layer sends (node-fetch's User-Agent marks its requests, see standInExchanges.ts). */
const SERVICE_LAYER = { 'User-Agent': 'node-fetch', 'X-Plex-Client-Identifier': 'served-conformance', 'X-Plex-Product': 'Served conformance', Accept: 'application/json' };
const RAW = { ...SERVICE_LAYER, 'User-Agent': 'served-conformance-test' };

function errorAnswer(overrides: Partial<ConformanceExchange>): ConformanceExchange {
  return {
    host: 'plex.tv',
    method: 'GET',
    pathname: '/api/v2/user',
    query: [],
    headers: { 'x-plex-client-identifier': 'checker', 'x-plex-token': '***' },
    requestBody: '',
    status: 429,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ errors: [{ code: 1003, message: 'API rate limit exceeded', status: 429 }] }),
    ...overrides,
  };
}

function errorKeys(specs: PlexSpecs, exchange: ConformanceExchange): string[] {
  return checkExchange(specs, exchange, false, 'error-shape').findings.map((finding) => finding.key);
}

suite('Spec conformance as the stand-in serves', () => {
  let specs: PlexSpecs;
  let standIn: StandIn;

  suiteSetup(async () => {
    specs = await plexSpecs();
  });
  setup(async () => {
    standIn = await startStandIn();
  });
  teardown(async () => {
    await standIn.close();
  });

  test('a fault\'s error answer is held to Plex\'s error shape, in JSON and XML, on documented and undocumented routes', () => {
    assert.deepEqual(errorKeys(specs, errorAnswer({})), []);
    assert.deepEqual(errorKeys(specs, errorAnswer({ body: '{"error":"slow down"}' })), ['error GET /api/v2/user 429 /errors missing']);
    assert.deepEqual(errorKeys(specs, errorAnswer({ body: '{"errors":[{"code":1003,"status":500}]}' })), [
      'error GET /api/v2/user 429 /errors/*/message missing',
      'error GET /api/v2/user 429 /errors/*/status mismatch',
    ]);
    assert.deepEqual(errorKeys(specs, errorAnswer({ body: '{"errors":[{"code":"x","message":"m","status":429}]}' })), ['error GET /api/v2/user 429 /errors/*/code type']);
    assert.deepEqual(errorKeys(specs, errorAnswer({ contentType: 'text/plain', body: 'Too Many Requests' })), ['error GET /api/v2/user 429 media-type text/plain']);
    const xml = '<?xml version="1.0"?><errors size="1"><error code="1003" message="API rate limit exceeded" status="429"/></errors>';
    assert.deepEqual(errorKeys(specs, errorAnswer({ contentType: 'application/xml', body: xml })), []);
    assert.deepEqual(errorKeys(specs, errorAnswer({ contentType: 'application/xml', body: '<MediaContainer size="0"/>' })), ['error GET /api/v2/user 429 /errors missing']);
    const devices = errorAnswer({ pathname: '/devices.xml', body: '{"errors":[]}' });
    assert.deepEqual(errorKeys(specs, devices), ['route GET /devices.xml', 'error GET /devices.xml 429 /errors missing']);
  });

  test('a 404 or 405 is the site\'s error form; a service-layer request there is a finding of its own', () => {
    const pms = errorAnswer({ host: 'pms', pathname: '/nowhere', status: 404, contentType: 'text/html', body: '<html></html>' });
    assert.deepEqual(checkUnrouted(specs, pms, false).findings.map((finding) => finding.key), []);
    assert.deepEqual(checkUnrouted(specs, { ...pms, contentType: 'text/plain' }, true).findings.map((finding) => finding.key), [
      'unrouted pms 404 media-type text/plain',
      'route GET /nowhere',
    ]);
    const plexTv = errorAnswer({ pathname: '/api/v2/nowhere/12', status: 405, body: '{"errors":[{"message":"Method Not Allowed","status":405}]}' });
    assert.deepEqual(checkUnrouted(specs, plexTv, true).findings.map((finding) => finding.key), ['route GET /api/v2/nowhere/{id}']);
  });

  test('a body field the spec does not document for the route is a finding', () => {
    const signIn = errorAnswer({
      method: 'POST',
      pathname: '/api/v2/users/signin',
      headers: { 'x-plex-client-identifier': 'checker', 'content-type': 'application/x-www-form-urlencoded' },
      requestBody: 'login=alice%40example.com&password=pw&favouriteColour=blue',
      status: 401,
    });
    assert.ok(checkExchange(specs, signIn, true, 'error-shape').findings.some((finding) => finding.key === 'request POST /api/v2/users/signin body /favouriteColour undeclared'));
  });

  test('the stand-in reports, as it serves, a service-layer request with an unknown field or to a route nobody serves', async () => {
    await fetch(`${standIn.plexTvUrl}/api/v2/users/signin`, {
      method: 'POST',
      headers: { ...SERVICE_LAYER, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'login=alice&password=alice-password&favouriteColour=blue',
    });
    await fetch(`${standIn.plexTvUrl}/api/v2/user?flavour=mint`, { headers: { ...SERVICE_LAYER, 'X-Plex-Token': standIn.issueToken('alice') } });
    await fetch(`${standIn.servers[0]?.url ?? ''}/library/sections`, { headers: SERVICE_LAYER });
    const violations = standIn.violations();
    assert.deepEqual(
      violations.map((violation) => violation.split(' (')[0]),
      [
        'spec: request POST /api/v2/users/signin body /favouriteColour undeclared',
        'spec: request GET /api/v2/user query flavour undeclared',
        'spec: route GET /library/sections',
      ],
    );
    assert.ok(violations.every((violation) => !violation.includes('alice-password')), 'no request value in a violation');
    standIn.clearViolations();
  });

  test('faulted error answers, 404s and 405s of every site conform; a test\'s own odd request is not held against the stand-in', async () => {
    const plexTv = new PlexTvClient({ identity: IDENTITY, baseUrl: standIn.plexTvUrl, retry: { maxRetries: 0 } });
    const token = standIn.issueToken('alice');
    standIn.addFault({ route: 'user', fault: { kind: 'rate-limit', retryAfterSeconds: 1 }, times: 1 });
    standIn.addFault({ route: 'resources', fault: { kind: 'status', status: 503 }, times: 1 });
    standIn.addFault({ route: 'ping', fault: { kind: 'token-revoked' }, times: 1 });
    standIn.addFault({ route: 'devices', fault: { kind: 'status', status: 500, code: 2000 }, times: 1 });
    await rejectsWith(plexTv.getAccount(token), 'rate-limited');
    await rejectsWith(plexTv.getServers(token), 'server-error');
    await rejectsWith(plexTv.ping(token), 'token-invalid');
    await fetch(`${standIn.plexTvUrl}/devices.xml`, { headers: { ...RAW, 'X-Plex-Token': token } });
    for (const server of standIn.servers) {
      await fetch(`${server.url}/nowhere`, { headers: RAW });
    }
    await fetch(`${standIn.plexTvUrl}/api/v2/nowhere`, { headers: RAW });
    await fetch(`${standIn.plexTvUrl}/api/v2/user`, { method: 'PATCH', headers: RAW });
    await fetch(`${standIn.servers[0]?.url ?? ''}/security/token`, { method: 'POST', headers: RAW });
    assert.deepEqual(standIn.violations(), []);
  });
});
