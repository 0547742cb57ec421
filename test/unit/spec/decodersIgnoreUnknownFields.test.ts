// The decoders read the stand-in's full-shaped answers (which the spec conformance check holds to
// the specs) and ignore fields they do not know: plex.tv adds fields over time, and an answer
// with extra fields anywhere must decode exactly as the same answer without them.
import * as assert from 'node:assert/strict';
import {
  decodeAccount,
  decodePin,
  decodeServers,
  decodeSignIn,
  decodeSourceConnectionInformation,
  decodeTransientTokenJson,
} from '../../../src/plex/index';
import { startStandIn, type StandIn } from '../../standin/index';
import { serverOf } from '../plex/helpers';

const HEADERS = { Accept: 'application/json', 'X-Plex-Client-Identifier': 'unknown-fields-test', 'X-Plex-Product': 'Unknown fields test' };

async function json(url: string, init: { method?: string; token?: string; form?: Record<string, string> } = {}): Promise<unknown> {
  const headers: Record<string, string> = { ...HEADERS, ...(init.token === undefined ? {} : { 'X-Plex-Token': init.token }) };
  if (init.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.form === undefined ? undefined : new URLSearchParams(init.form).toString() });
  assert.ok(response.ok, `${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}`);
  return response.json();
}

/** A copy with unknown fields of several types added to every object, at every depth. */
function withUnknownFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUnknownFields);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = withUnknownFields(child);
  return { ...copy, zzFutureText: 'new', zzFutureFlag: true, zzFutureObject: { nested: [1, null] }, zzFutureNull: null };
}

function assertIgnoresUnknownFields<T>(decode: (body: unknown) => T, body: unknown): void {
  const plain = decode(body);
  const extended = withUnknownFields(body);
  assert.notDeepEqual(extended, body, 'the copy must actually carry unknown fields');
  assert.deepEqual(decode(extended), plain);
}

suite('Decoders read full payloads and ignore unknown fields', () => {
  let standIn: StandIn;
  let token: string;

  suiteSetup(async () => {
    standIn = await startStandIn();
    token = standIn.issueToken('carol');
  });
  suiteTeardown(async () => {
    await standIn.close();
  });

  test('account and sign-in (UserPlexAccount with profile, subscriptions, roles)', async () => {
    const account = await json(`${standIn.plexTvUrl}/api/v2/user`, { token });
    // Fields real Plex sends that the 2026-02 schema does not document (from the 2024-09 spec's example account).
    const past = (account as { pastSubscriptions?: unknown[] }).pastSubscriptions;
    assert.ok(Array.isArray(past) && past.length === 1, 'the Plex Pass account carries an ended subscription');
    assertIgnoresUnknownFields(decodeAccount, account);
    assert.equal(decodeAccount(account).subscription?.active, true);
    const signIn = await json(`${standIn.plexTvUrl}/api/v2/users/signin`, { method: 'POST', form: { login: 'alice', password: 'alice-password' } });
    assertIgnoresUnknownFields(decodeSignIn, signIn);
  });

  test('PIN (AuthPinContainer with its GeoData location), before and after approval', async () => {
    const created = await json(`${standIn.plexTvUrl}/api/v2/pins?strong=true`, { method: 'POST' });
    assertIgnoresUnknownFields(decodePin, created);
    const id = decodePin(created).id;
    standIn.approvePin(id, 'alice');
    const approved = await json(`${standIn.plexTvUrl}/api/v2/pins/${id}`);
    assertIgnoresUnknownFields(decodePin, approved);
    assert.equal(typeof decodePin(approved).authToken, 'string');
  });

  test('resources (PlexDevice list with connections)', async () => {
    const alice = standIn.issueToken('alice');
    const resources = await json(`${standIn.plexTvUrl}/api/v2/resources?includeHttps=1&includeRelay=1`, { token: alice });
    assertIgnoresUnknownFields(decodeServers, resources);
    assert.equal(decodeServers(resources).length, 2);
  });

  test('transient token and source connection information (MediaContainer)', async () => {
    const alice = standIn.issueToken('alice');
    const resources = decodeServers(await json(`${standIn.plexTvUrl}/api/v2/resources`, { token: alice }));
    const { url, clientIdentifier } = serverOf(standIn, "Alice's Cloud");
    const serverToken = resources.find((server) => server.clientIdentifier === clientIdentifier)?.accessToken ?? '';
    assertIgnoresUnknownFields(decodeTransientTokenJson, await json(`${url}/security/token?type=delegation&scope=all`, { method: 'POST', token: serverToken }));
    const source = `server://${clientIdentifier}`;
    const information = await json(`${url}/security/resources?source=${encodeURIComponent(source)}`, { token: serverToken });
    assertIgnoresUnknownFields((body) => decodeSourceConnectionInformation(body, source), information);
  });
});
