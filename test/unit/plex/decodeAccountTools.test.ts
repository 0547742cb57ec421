// Decoders of the account tools: Home users, a switch answer, claim tokens, and the device list,
// whose tokens must never come out of the decoder (a fast-check property with planted tokens).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  CLAIM_TOKEN_LIFETIME_MS,
  decodeClaimToken,
  decodeDevices,
  decodeHome,
  decodeHomeSwitch,
  isPlexError,
} from '../../../src/plex/index';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function assertBadResponse(run: () => unknown, field?: string): string {
  try {
    run();
  } catch (error) {
    assert.ok(isPlexError(error) && error.kind === 'bad-response', `expected bad-response, got ${String(error)}`);
    if (field !== undefined) assert.equal((error as { field?: string }).field, field);
    return error.message;
  }
  assert.fail('expected a bad-response error');
}

suite('decode account tools', () => {
  suite('Home users', () => {
    const alice = { id: 1, uuid: 'a1', title: 'Alice', username: 'alice', admin: true, protected: false, restricted: false, guest: false };
    const kids = { id: 2, uuid: 'k2', title: 'Kids', username: '', admin: false, restricted: true, restrictionProfile: 'teen', protected: true };

    test('reads kinds and flags (true/false or 1/0), ignores unknown fields, puts the administrator first', () => {
      const home = decodeHome({
        id: 7,
        name: 'Home',
        unknownField: { nested: true },
        users: [
          { ...kids, restricted: 1, protected: '1', somethingNew: 'x' },
          alice,
          { id: 3, uuid: 'g3', title: 'Guest', guest: true },
          { id: '4', uuid: 'm4', username: 'member-without-title' },
        ],
      });
      assert.equal(home.inHome, true);
      assert.equal(home.id, 7);
      assert.deepEqual(
        home.users.map((user) => [user.title, user.kind, user.protected, user.id]),
        [
          ['Alice', 'administrator', false, 1],
          ['Kids', 'managed', true, 2],
          ['Guest', 'guest', false, 3],
          ['member-without-title', 'member', false, 4],
        ],
      );
      assert.equal(home.users[1]?.restrictionProfile, 'teen');
      assert.equal(home.users[1]?.username, undefined);
    });

    test('a Home of the administrator alone, or no users, is not a Home', () => {
      assert.deepEqual(decodeHome({ id: 1, users: [alice] }), { inHome: false, users: [] });
      assert.deepEqual(decodeHome({}), { inHome: false, users: [] });
      // One user as a bare object (XML-to-JSON converters do that).
      assert.equal(decodeHome({ users: kids }).inHome, true);
    });

    test('a user without any name, or without a uuid, is a bad response naming the field', () => {
      assertBadResponse(() => decodeHome({ users: [{ id: 1, uuid: 'x' }] }), 'home.users[0].title');
      assertBadResponse(() => decodeHome({ users: [{ id: 1, title: 'X' }] }), 'home.users[0].uuid');
      assertBadResponse(() => decodeHome({ users: [{ id: 1.5, uuid: 'x', title: 'X' }] }), 'home.users[0].id');
      assertBadResponse(() => decodeHome([]), 'home');
    });
  });

  suite('switch answer', () => {
    const account = { id: 2, uuid: 'k2', username: '', title: 'Kids', email: '', twoFactorEnabled: false, home: true };

    test('a full UserPlexAccount gives the token and the account', () => {
      const result = decodeHomeSwitch({ ...account, authToken: 'member-token', extra: [1, 2] });
      assert.equal(result.authToken, 'member-token');
      assert.equal(result.account?.title, 'Kids');
    });

    test("a managed user's account may have a null username and email", () => {
      const result = decodeHomeSwitch({ ...account, username: null, email: null, authToken: 'member-token' });
      assert.equal(result.account?.username, '');
      assert.equal(result.account?.email, '');
    });

    test('a v1-shaped answer (authenticationToken, no full account) gives only the token', () => {
      assert.deepEqual(decodeHomeSwitch({ authenticationToken: 'member-token', title: 'Kids', id: 2 }), { authToken: 'member-token' });
    });

    test('no token is a bad response that does not echo anything', () => {
      const message = assertBadResponse(() => decodeHomeSwitch({ ...account, authToken: '' }), 'user.authToken');
      assert.ok(!message.includes('Kids'));
    });
  });

  suite('claim token', () => {
    const at = 1_700_000_000_000;

    test('without an expiry in the answer, the documented lifetime from the request time', () => {
      assert.deepEqual(decodeClaimToken({ token: 'claim-abc', other: 1 }, at), {
        token: 'claim-abc',
        expiresAt: at + CLAIM_TOKEN_LIFETIME_MS,
        expiryFromPlex: false,
      });
    });

    test('expiresIn (seconds), expiresAt as epoch seconds or an ISO date', () => {
      assert.equal(decodeClaimToken({ token: 'claim-a', expiresIn: 300 }, at).expiresAt, at + 300_000);
      assert.equal(decodeClaimToken({ token: 'claim-a', expiresAt: 1_700_000_100 }, at).expiresAt, 1_700_000_100_000);
      const iso = decodeClaimToken({ token: 'claim-a', expiresAt: '2023-11-14T22:15:00Z' }, at);
      assert.equal(iso.expiresAt, Date.parse('2023-11-14T22:15:00Z'));
      assert.equal(iso.expiryFromPlex, true);
    });

    test('a missing or empty token is a bad response', () => {
      assertBadResponse(() => decodeClaimToken({}, at), 'claim.token');
      assertBadResponse(() => decodeClaimToken({ token: '' }, at), 'claim.token');
    });
  });

  suite('devices', () => {
    const xml = (devices: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer publicAddress="203.0.113.1" size="2">${devices}</MediaContainer>`;

    test('reads the wanted attributes in any order and quoting, with children and comments around', () => {
      const devices = decodeDevices(
        xml(
          `<!-- <Device id="666" clientIdentifier="in-a-comment"/> -->` +
            `<Device token="SECRET-ONE" name="TV &amp; &quot;Den&quot; &gt; 1" id="12" product="Plex for LG" productVersion="3.1" ` +
            `platform='webOS' clientIdentifier="tv-1" provides="client, player" createdAt="1500000000" lastSeenAt="1600000000">` +
            `<Connection uri="http://192.168.1.2:32500"/><SyncList itemsCompleteCount="0"/></Device>` +
            `<Device id="13" clientIdentifier="me" version="9.9" accessToken="SECRET-TWO" authToken='SECRET-THREE'/>`,
        ),
        'me',
      );
      assert.deepEqual(devices, [
        {
          id: 12,
          name: 'TV & "Den" > 1',
          clientIdentifier: 'tv-1',
          product: 'Plex for LG',
          version: '3.1',
          platform: 'webOS',
          provides: ['client', 'player'],
          createdAt: 1500000000,
          lastSeenAt: 1600000000,
          current: false,
        },
        { id: 13, name: '', clientIdentifier: 'me', version: '9.9', provides: [], current: true },
      ]);
    });

    test('an empty list, a wrong root, broken tags and bad fields are bad responses that never echo a token', () => {
      assert.deepEqual(decodeDevices(xml(''), 'me'), []);
      assertBadResponse(() => decodeDevices('<errors><error code="1"/></errors>', 'me'));
      const messages = [
        assertBadResponse(() => decodeDevices(xml('<Device token="SECRET-X" clientIdentifier="a"/>'), 'me'), 'devices[0].id'),
        assertBadResponse(() => decodeDevices(xml('<Device id="1" token="SECRET-X"/>'), 'me'), 'devices[0].clientIdentifier'),
        assertBadResponse(() => decodeDevices(xml('<Device id="1" clientIdentifier="a" token="SECRET-X" lastSeenAt="SECRET-X"/>'), 'me')),
        assertBadResponse(() => decodeDevices(xml('<Device id="1" token="SECRET-X clientIdentifier="a"/>'), 'me')),
        assertBadResponse(() => decodeDevices(xml('<Device id="1" id="2" clientIdentifier="a"/>'), 'me')),
        assertBadResponse(() => decodeDevices(xml('<Device id="1" name="&bogus;" clientIdentifier="a"/>'), 'me')),
      ];
      for (const message of messages) assert.ok(!message.includes('SECRET'), message);
    });

    test('a long-lived account: thousands of devices with connections decode in order', () => {
      const entry = (index: number): string =>
        `<Device name="Device ${index}" id="${index}" clientIdentifier="c${index}" token="T${index}xxxxxxxxxxxxxxx" ` +
        `lastSeenAt="${1600000000 + index}"><Connection uri="http://10.0.0.${index % 250}:32400"/><SyncList/></Device>`;
      const devices = decodeDevices(xml(Array.from({ length: 5000 }, (_unused, index) => entry(index)).join('')), 'c4999');
      assert.equal(devices.length, 5000);
      assert.equal(devices[4321]?.name, 'Device 4321');
      assert.equal(devices[4999]?.current, true);
    });

    test('property: planted tokens never come out, whatever the other attributes hold', () => {
      const tokenValue = fc.stringMatching(/^[A-Za-z0-9_-]{20}$/);
      const text = fc.string({ maxLength: 30, unit: 'grapheme' });
      const device = fc.record({
        id: fc.nat({ max: 1e9 }),
        name: text,
        product: text,
        platform: text,
        clientIdentifier: fc.string({ minLength: 1, maxLength: 30 }),
        token: tokenValue,
        accessToken: tokenValue,
        authToken: tokenValue,
        tokenFirst: fc.boolean(),
        singleQuotes: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(device, { maxLength: 6 }), (seeds) => {
          const planted = seeds.flatMap((seed) => [seed.token, seed.accessToken, seed.authToken]);
          const readable = seeds.flatMap((seed) => [seed.name, seed.product, seed.platform, seed.clientIdentifier]);
          fc.pre(planted.every((token) => readable.every((value) => !value.includes(token))));
          const body = seeds
            .map((seed) => {
              const quote = seed.singleQuotes ? "'" : '"';
              const attribute = (name: string, value: string | number): string => ` ${name}=${quote}${escapeXml(String(value))}${quote}`;
              const secrets = attribute('token', seed.token) + attribute('accessToken', seed.accessToken) + attribute('authToken', seed.authToken);
              const fields =
                attribute('id', seed.id) + attribute('name', seed.name) + attribute('product', seed.product) +
                attribute('platform', seed.platform) + attribute('clientIdentifier', seed.clientIdentifier);
              return `<Device${seed.tokenFirst ? secrets + fields : fields + secrets}><Connection uri="http://x"/></Device>`;
            })
            .join('');
          const devices = decodeDevices(xml(body), 'me');
          assert.deepEqual(
            devices.map((decoded) => [decoded.id, decoded.name, decoded.clientIdentifier]),
            seeds.map((seed) => [seed.id, seed.name, seed.clientIdentifier]),
          );
          const output = JSON.stringify(devices);
          for (const token of planted) assert.ok(!output.includes(token));
          for (const decoded of devices) assert.deepEqual(Object.keys(decoded).filter((key) => /token/i.test(key)), []);
        }),
      );
    });
  });
});
