// The conformance checker itself: it must find what is wrong, or the checks built on it prove
// nothing. Exchanges here are made up from the stand-in's own bodies, then broken on purpose.
import * as assert from 'node:assert/strict';
import { type ConformanceExchange, checkExchange } from '../../spec/conformance';
import { type PlexSpecs, plexSpecs } from '../../spec/specs';
import { UNDOCUMENTED_ROUTES } from '../../spec/undocumentedRoutes';
import { DEMO_ACCOUNTS, accountRecord, userPlexAccountBody } from '../../standin/accounts';
import { toXmlDocument } from '../../standin/xml';

const HEADERS_WITHOUT_TOKEN = { 'x-plex-client-identifier': 'checker-test', 'x-plex-product': 'Checker test', accept: 'application/json' };
const HEADERS = { ...HEADERS_WITHOUT_TOKEN, 'x-plex-token': '***' };

function exchange(overrides: Partial<ConformanceExchange>): ConformanceExchange {
  return {
    host: 'plex.tv',
    method: 'GET',
    pathname: '/api/v2/user',
    query: [],
    headers: HEADERS,
    requestBody: '',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: '{}',
    ...overrides,
  };
}

function keys(specs: PlexSpecs, value: ConformanceExchange, requests = true): string[] {
  return checkExchange(specs, value, requests).findings.map((finding) => finding.key);
}

const account = userPlexAccountBody(accountRecord(DEMO_ACCOUNTS[0], 0), 'not-a-real-token');

suite('Spec conformance checker', () => {
  let specs: PlexSpecs;

  suiteSetup(async () => {
    specs = await plexSpecs();
  });

  test('the specs load once per process', async () => {
    assert.equal(plexSpecs(), plexSpecs());
    assert.equal(await plexSpecs(), specs);
    assert.ok(specs.operations.some((operation) => operation.spec === '2026-02' && operation.fullPath === '/api/v2/user'));
    assert.ok(specs.operations.some((operation) => operation.spec === '2024-09' && operation.fullPath === '/api/v2/pins/{pinID}'));
  });

  test('a full account answer conforms; one without a required profile field does not', () => {
    assert.deepEqual(keys(specs, exchange({ body: JSON.stringify(account) })), []);
    const profile = { ...(account['profile'] as Record<string, unknown>) };
    delete profile['watchedIndicator'];
    assert.deepEqual(keys(specs, exchange({ body: JSON.stringify({ ...account, profile }) })), [
      'response GET /api/v2/user 200 /profile/watchedIndicator required',
    ]);
    assert.deepEqual(keys(specs, exchange({ body: JSON.stringify({ ...account, twoFactorEnabled: 'yes' }) })), [
      'response GET /api/v2/user 200 /twoFactorEnabled type',
    ]);
  });

  test('an XML answer is checked in its JSON shape: booleans as 1/0, nulls as absent attributes', () => {
    const xml = toXmlDocument('user', account);
    assert.deepEqual(keys(specs, exchange({ contentType: 'application/xml', body: xml })), []);
    const broken = xml.replace(/twoFactorEnabled="0"/, 'twoFactorEnabled="maybe"');
    assert.notEqual(broken, xml);
    assert.deepEqual(keys(specs, exchange({ contentType: 'application/xml', body: broken })), [
      'response GET /api/v2/user 200 (xml) /twoFactorEnabled type',
    ]);
  });

  test('an undocumented status, media type or route is a finding', () => {
    assert.deepEqual(keys(specs, exchange({ status: 418 })), ['status GET /api/v2/user 418']);
    assert.deepEqual(keys(specs, exchange({ contentType: 'text/html', body: '<html></html>' })), ['response GET /api/v2/user 200 media-type text/html']);
    assert.deepEqual(keys(specs, exchange({ pathname: '/api/v2/no-such-route' })), ['route GET /api/v2/no-such-route']);
  });

  test('requests: parameter values, undeclared query parameters, missing headers and token', () => {
    const resources = exchange({ pathname: '/api/v2/resources', body: '[]' });
    assert.deepEqual(keys(specs, { ...resources, query: [['includeHttps', '1'], ['includeRelay', '1']] }), []);
    assert.deepEqual(keys(specs, { ...resources, query: [['includeHttps', '2'], ['colour', 'blue']] }), [
      'request GET /api/v2/resources query includeHttps enum',
      'request GET /api/v2/resources query colour undeclared',
    ]);
    const bare = { 'x-plex-product': HEADERS['x-plex-product'], accept: HEADERS.accept };
    assert.deepEqual(keys(specs, { ...resources, headers: bare }), [
      'request GET /api/v2/resources header X-Plex-Client-Identifier missing',
      'request GET /api/v2/resources token not-in-header',
    ]);
    assert.deepEqual(keys(specs, { ...resources, headers: bare }, false), [], 'answers only, when asked');
  });

  test('request bodies: the sign-in form is checked field by field', () => {
    const signIn = exchange({
      method: 'POST',
      pathname: '/api/v2/users/signin',
      status: 201,
      body: JSON.stringify({ ...account, pastSubscriptions: [], trials: [] }),
      headers: { ...HEADERS, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.deepEqual(keys(specs, { ...signIn, requestBody: 'login=alice%40example.com&password=pw&rememberMe=false' }), []);
    assert.deepEqual(keys(specs, { ...signIn, requestBody: 'login=alice%40example.com&rememberMe=perhaps' }), [
      'request POST /api/v2/users/signin body /password required',
      'request POST /api/v2/users/signin body /rememberMe type',
    ]);
  });

  test('an undocumented route is matched as a template and its request is still checked', () => {
    const deleteDevice = exchange({ method: 'DELETE', pathname: '/devices/528871000.xml', body: '', contentType: undefined });
    assert.deepEqual(keys(specs, deleteDevice), ['route DELETE /devices/{id}.xml']);
    const tokenInQuery = exchange({ pathname: '/devices.xml', headers: HEADERS_WITHOUT_TOKEN, query: [['X-Plex-Token', '***']], contentType: 'application/xml', body: '<MediaContainer/>' });
    assert.deepEqual(keys(specs, tokenInQuery), [
      'route GET /devices.xml',
      'request GET /devices.xml token not-in-header',
      'request GET /devices.xml query X-Plex-Token undeclared',
      'request GET /devices.xml query X-Plex-Token credential',
    ]);
    assert.deepEqual(keys(specs, { ...tokenInQuery, body: '<MediaContainer' }, false), ['route GET /devices.xml', 'response GET /devices.xml 200 unreadable']);
  });

  test('clients.plex.tv: keys name the host, a token where none is taken and unknown body fields are findings', () => {
    const nonce = exchange({ host: 'clients.plex.tv', pathname: '/api/v2/auth/nonce', body: '{"nonce":"n"}' });
    assert.deepEqual(keys(specs, nonce), ['clients.plex.tv route GET /api/v2/auth/nonce', 'clients.plex.tv request GET /api/v2/auth/nonce token unneeded']);
    const exchangeJwt = exchange({
      host: 'clients.plex.tv',
      method: 'POST',
      pathname: '/api/v2/auth/token',
      headers: { ...HEADERS_WITHOUT_TOKEN, 'content-type': 'application/json' },
      requestBody: JSON.stringify({ jwt: 'x', password: 'y' }),
      body: '{"auth_token":"t"}',
    });
    assert.deepEqual(keys(specs, exchangeJwt), ['clients.plex.tv route POST /api/v2/auth/token', 'clients.plex.tv request POST /api/v2/auth/token body /password undeclared']);
    assert.deepEqual(keys(specs, exchange({ host: 'clients.plex.tv', pathname: '/api/v2/no-such-route' })), ['clients.plex.tv route GET /api/v2/no-such-route']);
    const poll = exchange({ host: 'clients.plex.tv', pathname: '/api/v2/pins/42', headers: HEADERS_WITHOUT_TOKEN, query: [['X-Plex-Token', '***']], status: 404, body: '{}' });
    assert.ok(keys(specs, poll).includes('clients.plex.tv request GET /api/v2/pins/{pinID} query X-Plex-Token credential'));
  });

  test('no undocumented route shadows an operation the specs document', () => {
    for (const route of UNDOCUMENTED_ROUTES) {
      const path = route.path.replace(/\{[^}]+\}/g, '1');
      const documented = specs.operations.filter((operation) => operation.method === route.method && operation.host === (route.host === 'pms' ? 'pms' : 'plex.tv') && operation.pattern.test(path));
      assert.deepEqual(documented.map((operation) => `${operation.spec} ${operation.method} ${operation.fullPath}`), [], `${route.method} ${route.path}`);
    }
  });
});
