// Every answer the stand-in gives on the routes the extension uses, and every request the
// service layer sends there, checked against the Plex OpenAPI specs (2026-02, and 2024-09 for the
// PIN routes 2026-02 lacks; clients.plex.tv's JWK PINs against the same), or against
// undocumentedRoutes.ts. The scenarios cover each route's success, its error answers, and its XML
// form; deliberate faults are left to the fault tests. A finding not in deviations.ts fails.
import * as assert from 'node:assert/strict';
import { type Finding, checkExchange } from '../../spec/conformance';
import { SPEC_DEVIATIONS, deviationFor } from '../../spec/deviations';
import { type PlexSpecs, plexSpecs } from '../../spec/specs';
import { conformanceExchange, recordExchanges, sentByServiceLayer, type ExchangeRecorder } from '../../spec/standInExchanges';
import { PlexMediaServerClient, PlexTvClient } from '../../../src/plex/index';
import { startStandIn, type StandIn } from '../../standin/index';
import { IDENTITY, rejectsWith, serverOf } from '../plex/helpers';
import { driveAccountToolsAndJwt } from './accountToolAndJwtScenarios';

const RAW_CLIENT_ID = 'spec-conformance-raw';
const RAW_PRODUCT = 'Spec conformance';

/** A request outside the service layer, for answers it never asks for (XML, missing headers). */
function rawFetch(url: string, init: { method?: string; token?: string; json?: boolean; clientId?: boolean; form?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'X-Plex-Product': RAW_PRODUCT };
  if (init.clientId !== false) headers['X-Plex-Client-Identifier'] = RAW_CLIENT_ID;
  if (init.json !== false) headers['Accept'] = 'application/json';
  if (init.token !== undefined) headers['X-Plex-Token'] = init.token;
  let body: string | undefined;
  if (init.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  return fetch(url, { method: init.method ?? 'GET', headers, body });
}

interface Observed {
  findings: (Finding & { where: string })[];
  /** `<spec> <method> <path> <status>`, with ` (xml)` for XML answers. */
  checked: Set<string>;
  /** How many requests were checked as the service layer's (the rest came from rawFetch). */
  serviceLayerRequests: number;
  rawRequests: number;
  /** Raw requests taken for the service layer's, or the other way round. */
  misattributed: number;
}

async function drive(standIn: StandIn): Promise<void> {
  const plexTv = new PlexTvClient({ identity: IDENTITY, baseUrl: standIn.plexTvUrl, retry: { maxRetries: 0 } });
  const library = serverOf(standIn, "Alice's Library");
  const cloud = serverOf(standIn, "Alice's Cloud");

  // Password sign-in: success, wrong password, two-factor code missing, then given.
  const alice = await plexTv.signIn({ login: 'alice', password: 'alice-password' });
  await rejectsWith(plexTv.signIn({ login: 'alice@example.com', password: 'wrong' }), 'invalid-credentials');
  await rejectsWith(plexTv.signIn({ login: 'bob', password: 'bob-password' }), 'two-factor-required');
  await plexTv.signIn({ login: 'bob', password: 'bob-password', verificationCode: '123456', rememberMe: true });

  // Browser sign-in: a PIN, polled before and after approval; an unknown PIN.
  const pin = await plexTv.createPin();
  await plexTv.checkPin(pin.id);
  standIn.approvePin(pin.id, 'carol');
  const carolToken = (await plexTv.checkPin(pin.id)).authToken ?? '';
  await rejectsWith(plexTv.checkPin(1), 'pin-expired');

  // Account, ping and servers; a Plex Pass account; a revoked token.
  await plexTv.getAccount(alice.authToken);
  await plexTv.getAccount(carolToken);
  await plexTv.ping(alice.authToken);
  const servers = await plexTv.getServers(alice.authToken);
  const revoked = standIn.issueToken('alice');
  standIn.revokeToken(revoked);
  await rejectsWith(plexTv.getAccount(revoked), 'token-invalid');
  await rejectsWith(plexTv.getServers(revoked), 'token-invalid');
  await rejectsWith(plexTv.ping(revoked), 'token-invalid');

  // Each server (2024-09 and 2026-02 flavours): transient token, source connection information, refusals.
  for (const { url, clientIdentifier } of [library, cloud]) {
    const accessToken = servers.find((server) => server.clientIdentifier === clientIdentifier)?.accessToken ?? '';
    const pms = new PlexMediaServerClient({ identity: IDENTITY, baseUrl: url, retry: { maxRetries: 0 } });
    await pms.getTransientToken(accessToken);
    await pms.getSourceConnectionInformation(accessToken, `server://${clientIdentifier}`);
    await pms.getSourceConnectionInformation(accessToken, 'server://no-such-server').catch(() => undefined);
    await rejectsWith(pms.getTransientToken(revoked), 'token-invalid');
    await rejectsWith(pms.getSourceConnectionInformation(revoked, `server://${clientIdentifier}`), 'token-invalid');
    await rawFetch(`${url}/identity`);
    await rawFetch(`${url}/identity`, { json: false });
    await rawFetch(`${url}/security/token?type=delegation&scope=all`, { token: accessToken, json: false });
    await rawFetch(`${url}/security/resources?source=server://${clientIdentifier}`, { token: accessToken, json: false });
    await rawFetch(`${url}/security/token?type=delegation&scope=all`, { token: accessToken, clientId: false });
  }

  // The XML forms and the missing-client-identifier answers of the plex.tv routes.
  const xmlPin = await rawFetch(`${standIn.plexTvUrl}/api/v2/pins?strong=true`, { method: 'POST', json: false });
  const xmlPinId = /<pin id="(\d+)"/.exec(await xmlPin.text())?.[1] ?? '0';
  await rawFetch(`${standIn.plexTvUrl}/api/v2/pins/${xmlPinId}`, { json: false });
  await rawFetch(`${standIn.plexTvUrl}/api/v2/users/signin`, { method: 'POST', json: false, form: { login: 'carol@example.com', password: 'carol-password' } });
  await rawFetch(`${standIn.plexTvUrl}/api/v2/user`, { token: alice.authToken, json: false });
  await rawFetch(`${standIn.plexTvUrl}/api/v2/resources?includeHttps=1&includeRelay=1`, { token: alice.authToken, json: false });
  await rawFetch(`${standIn.plexTvUrl}/api/v2/user`, { token: alice.authToken, clientId: false });
  await rawFetch(`${standIn.plexTvUrl}/api/v2/resources`, { token: alice.authToken, clientId: false });
  await rawFetch(`${standIn.plexTvUrl}/api/v2/pins`, { method: 'POST', clientId: false });

  await driveAccountToolsAndJwt(standIn);
  await plexTv.signOut(alice.authToken);
}

function observe(specs: PlexSpecs, recorder: ExchangeRecorder): Observed {
  const observed: Observed = { findings: [], checked: new Set(), serviceLayerRequests: 0, rawRequests: 0, misattributed: 0 };
  for (const exchange of recorder.exchanges) {
    if (exchange.faulted) continue;
    const raw = exchange.headers['x-plex-product'] === RAW_PRODUCT;
    if (raw) observed.rawRequests += 1;
    if (raw === sentByServiceLayer(exchange)) observed.misattributed += 1;
    const verdict = checkExchange(specs, conformanceExchange(exchange), sentByServiceLayer(exchange));
    const where = `${exchange.method} ${exchange.pathname} ${exchange.status}`;
    const form = (exchange.contentType ?? '').startsWith('application/xml') ? ' (xml)' : '';
    for (const checked of verdict.checkedAgainst) observed.checked.add(`${checked}${form}`);
    if (sentByServiceLayer(exchange)) observed.serviceLayerRequests += 1;
    observed.findings.push(...verdict.findings.map((finding) => ({ ...finding, where })));
  }
  return observed;
}

suite('Spec conformance of the stand-in and the service layer', () => {
  let specs: PlexSpecs;
  let observed: Observed;

  suiteSetup(async () => {
    specs = await plexSpecs();
    const standIn = await startStandIn();
    const recorder = recordExchanges();
    try {
      await drive(standIn);
      assert.deepEqual(standIn.violations(), []);
    } finally {
      recorder.stop();
      await standIn.close();
    }
    observed = observe(specs, recorder);
    if (process.env['SPEC_FINDINGS'] === '1') console.log(JSON.stringify(observed.findings, null, 1), [...observed.checked]);
  });

  test('every finding is a listed deviation', () => {
    const unlisted = observed.findings.filter((finding) => deviationFor(finding.key) === undefined);
    assert.deepEqual(unlisted.map((finding) => `${finding.key} (${finding.where}: ${finding.detail})`), []);
  });

  test('every listed deviation is observed, or says why it cannot be', () => {
    const seen = new Set(observed.findings.map((finding) => finding.key));
    for (const deviation of SPEC_DEVIATIONS) {
      for (const key of deviation.keys) {
        assert.ok(seen.has(key) || deviation.notObservedInUnitTests !== undefined, `deviation ${deviation.id}: ${key} was not observed`);
      }
    }
  });

  test('requests are checked for the service layer only, and there are many', () => {
    assert.ok(observed.serviceLayerRequests >= 25, `${observed.serviceLayerRequests} service-layer requests`);
    assert.ok(observed.rawRequests >= 15, `${observed.rawRequests} raw requests`);
    assert.equal(observed.misattributed, 0);
  });

  test('each route is checked against a documented answer, success and error', () => {
    const expected = [
      '2026-02 POST /api/v2/users/signin 201',
      '2026-02 POST /api/v2/users/signin 401',
      '2026-02 GET /api/v2/user 200',
      '2026-02 GET /api/v2/user 400',
      '2026-02 GET /api/v2/user 401',
      '2026-02 GET /api/v2/resources 200',
      '2024-09 GET /api/v2/resources 400',
      '2026-02 GET /api/v2/resources 401',
      '2024-09 POST /api/v2/pins 200',
      '2024-09 POST /api/v2/pins 400',
      '2024-09 GET /api/v2/pins/{pinID} 200',
      '2024-09 GET /api/v2/pins/{pinID} 404',
      '2026-02 GET /identity 200',
      '2026-02 POST /security/token 200',
      '2026-02 POST /security/token 400',
      '2026-02 POST /security/token 403',
      '2024-09 GET /security/token 400',
      '2024-09 GET /security/token 401',
      '2026-02 GET /security/resources 200',
      '2026-02 GET /security/resources 403',
      '2024-09 GET /security/resources 401',
      '2026-02 POST /api/v2/users/signin 201 (xml)',
      '2026-02 GET /api/v2/user 200 (xml)',
      '2026-02 GET /api/v2/resources 200 (xml)',
      '2024-09 POST /api/v2/pins 200 (xml)',
      '2024-09 GET /api/v2/pins/{pinID} 200 (xml)',
      '2026-02 GET /identity 200 (xml)',
      '2026-02 POST /security/token 200 (xml)',
      '2026-02 GET /security/resources 200 (xml)',
      'clients.plex.tv 2024-09 POST /api/v2/pins 200',
      'clients.plex.tv 2024-09 GET /api/v2/pins/{pinID} 200',
    ];
    assert.deepEqual(expected.filter((operation) => !observed.checked.has(operation)), []);
  });
});
