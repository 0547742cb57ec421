// The hand-written decoders: the shapes of both spec versions, field-naming errors, and (with
// fast-check) arbitrary JSON and XML: a value or a PlexResponseError, never anything else.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  PlexResponseError,
  decodeAccount,
  decodePin,
  decodeServers,
  decodeSignIn,
  decodeSourceConnectionInformation,
  decodeTransientTokenJson,
  decodeTransientTokenXml,
  orderConnections,
  type PlexConnection,
} from '../../../src/plex/index';

/** The example UserPlexAccount of the 2024-09 spec, trimmed of fields nobody reads. */
const ACCOUNT_2024 = {
  adsConsent: true,
  authToken: 'CxoUzBTSV5hsxjTpFKaf',
  confirmed: false,
  country: 'US',
  email: 'username@email.com',
  friendlyName: 'friendlyUsername',
  entitlements: [],
  hasPassword: true,
  home: false,
  homeAdmin: false,
  homeSize: 1,
  id: 13692262,
  joinedAt: 1721154902,
  locale: null,
  maxHomeSize: 15,
  pastSubscriptions: [{ id: 'string', type: 'plexpass' }],
  profile: [{ autoSelectAudio: true }],
  roles: ['string'],
  services: [{ identifier: 'metadata-dev', token: 'DjoMtqFAGRL1uVtCyF1dKIorTbShJeqv', status: 'online' }],
  subscription: {
    features: ['Android - Dolby Vision'],
    active: true,
    subscribedAt: '2021-04-12T18:21:12Z',
    status: 'Inactive',
    paymentService: 'string',
    plan: 'string',
  },
  thumb: 'https://plex.tv/users/a4f43c1ebfde43a5/avatar?c=8372075101',
  title: 'UsernameTitle',
  twoFactorEnabled: false,
  username: 'Username',
  uuid: 'dae343c1f45beb4f',
};

function expectFieldError(run: () => unknown, field: string, expected: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof PlexResponseError, `expected PlexResponseError, got ${String(error)}`);
    assert.equal(error.field, field);
    assert.match(error.message, expected);
    return true;
  });
}

function without(object: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

function connection(overrides: Partial<PlexConnection>): PlexConnection {
  return { uri: 'http://x:1', protocol: 'http', address: 'x', port: 1, local: false, relay: false, ipv6: false, ...overrides };
}

suite('decoders', () => {
  suite('account', () => {
    test('reads the 2024 spec example and ignores unknown fields', () => {
      assert.deepEqual(decodeAccount(ACCOUNT_2024), {
        id: 13692262,
        uuid: 'dae343c1f45beb4f',
        username: 'Username',
        title: 'UsernameTitle',
        email: 'username@email.com',
        twoFactorEnabled: false,
        home: false,
        homeAdmin: false,
        friendlyName: 'friendlyUsername',
        thumb: 'https://plex.tv/users/a4f43c1ebfde43a5/avatar?c=8372075101',
        joinedAt: 1721154902,
        homeSize: 1,
        maxHomeSize: 15,
        subscription: {
          active: true,
          features: ['Android - Dolby Vision'],
          status: 'Inactive',
          plan: 'string',
          subscribedAt: '2021-04-12T18:21:12Z',
        },
      });
    });

    test('reads the 2026 spec minimum (home flags and subscription absent, nullables null)', () => {
      const minimal = {
        authToken: 't',
        email: 'e@x',
        friendlyName: 'f',
        hasPassword: true,
        id: 1,
        joinedAt: 1556281940,
        title: 't',
        twoFactorEnabled: true,
        username: 'u',
        uuid: 'v',
        subscription: { active: false, subscribedAt: null, plan: null, features: null },
        thumb: null,
      };
      const account = decodeAccount(minimal);
      assert.equal(account.home, false);
      assert.equal(account.homeAdmin, false);
      assert.equal(account.thumb, undefined);
      assert.deepEqual(account.subscription, { active: false, features: [] });
    });

    test('names missing and mistyped fields', () => {
      expectFieldError(() => decodeAccount(without(ACCOUNT_2024, 'id')), 'user.id', /field "user\.id": expected number, got nothing/);
      expectFieldError(() => decodeAccount({ ...ACCOUNT_2024, id: 1.5 }), 'user.id', /expected integer/);
      expectFieldError(() => decodeAccount({ ...ACCOUNT_2024, email: 7 }), 'user.email', /expected string, got number/);
      expectFieldError(
        () => decodeAccount({ ...ACCOUNT_2024, subscription: { features: ['a', 3] } }),
        'user.subscription.features[1]',
        /expected string/,
      );
      expectFieldError(() => decodeAccount([ACCOUNT_2024]), 'user', /expected object, got array/);
    });

    test('a mistyped value is never echoed (it may be a secret)', () => {
      assert.throws(
        () => decodeAccount({ ...ACCOUNT_2024, uuid: { secret: 'SECRET-VALUE' } }),
        (error: Error) => !error.message.includes('SECRET-VALUE'),
      );
    });

    test('sign-in needs a non-empty authToken', () => {
      assert.equal(decodeSignIn(ACCOUNT_2024).authToken, 'CxoUzBTSV5hsxjTpFKaf');
      expectFieldError(() => decodeSignIn({ ...ACCOUNT_2024, authToken: '' }), 'user.authToken', /non-empty string/);
      expectFieldError(() => decodeSignIn({ ...ACCOUNT_2024, authToken: null }), 'user.authToken', /got null/);
    });
  });

  suite('PIN', () => {
    const pin = { id: 308667304, code: '7RQZ', expiresIn: 876, expiresAt: '2024-07-16T17:18:05Z', authToken: null, location: {} };

    test('reads the AuthPinContainer example; authToken null, empty or absent means not yet approved', () => {
      assert.deepEqual(decodePin(pin), { id: 308667304, code: '7RQZ', expiresIn: 876, expiresAt: '2024-07-16T17:18:05Z', authToken: null });
      assert.equal(decodePin({ ...pin, authToken: '' }).authToken, null);
      assert.deepEqual(decodePin(without(pin, 'authToken', 'expiresAt')), { id: 308667304, code: '7RQZ', expiresIn: 876, authToken: null });
      assert.equal(decodePin({ ...pin, authToken: 'tok' }).authToken, 'tok');
    });

    test('names bad fields', () => {
      expectFieldError(() => decodePin({ ...pin, code: null }), 'pin.code', /expected string, got null/);
      expectFieldError(() => decodePin({ ...pin, authToken: 5 }), 'pin.authToken', /expected string/);
    });
  });

  suite('resources', () => {
    const device = (overrides: Record<string, unknown>): Record<string, unknown> => ({
      name: 'S',
      clientIdentifier: 'id',
      provides: 'server',
      accessToken: 'a',
      owned: true,
      productVersion: '1.41',
      platform: null,
      connections: [],
      ...overrides,
    });

    test('keeps devices that provide server (among others), drops players', () => {
      const servers = decodeServers([
        device({ name: 'player', provides: 'client,player' }),
        device({ name: 'both', provides: 'client, server ,player' }),
        device({ name: 'srv' }),
        device({ name: 'sync', provides: 'sync-target' }),
      ]);
      assert.deepEqual(
        servers.map((server) => server.name),
        ['both', 'srv'],
      );
      assert.equal(servers[0]?.platform, undefined);
    });

    test('orders connections local > remote > relay, https before http, keeping order otherwise', () => {
      const connections = [
        { protocol: 'http', address: 'r', port: 1, uri: 'http://relay:1', local: false, relay: true, IPv6: false },
        { protocol: 'http', address: 'a', port: 1, uri: 'http://remote-a:1', local: false, relay: false, IPv6: false },
        { protocol: 'https', address: 'b', port: 1, uri: 'https://remote-b:1', local: false, relay: false, IPv6: false },
        { protocol: 'http', address: 'l', port: 1, uri: 'http://local:1', local: true, relay: false, IPv6: false },
        { protocol: 'https', address: 'r2', port: 1, uri: 'https://relay2:1', local: false, relay: true, IPv6: false },
        { protocol: 'http', address: 'c', port: 1, uri: 'http://remote-c:1', local: false, relay: false, IPv6: false },
      ];
      const [server] = decodeServers([device({ connections })]);
      assert.deepEqual(
        server?.connections.map((c) => c.uri),
        ['http://local:1', 'https://remote-b:1', 'http://remote-a:1', 'http://remote-c:1', 'https://relay2:1', 'http://relay:1'],
      );
    });

    test('fills absent connection fields from the URI and drops non-http connections', () => {
      const [server] = decodeServers([
        device({
          connections: [{ uri: 'https://10-0-0-5.abc.plex.direct:32400' }, { uri: 'ws://x:1' }, { uri: 'http://[::1]' }],
        }),
      ]);
      assert.deepEqual(server?.connections, [
        { uri: 'https://10-0-0-5.abc.plex.direct:32400', protocol: 'https', address: '10-0-0-5.abc.plex.direct', port: 32400, local: false, relay: false, ipv6: false },
        { uri: 'http://[::1]', protocol: 'http', address: '::1', port: 80, local: false, relay: false, ipv6: false },
      ]);
    });

    test('names bad fields with their index', () => {
      expectFieldError(() => decodeServers({}), 'resources', /expected array, got object/);
      expectFieldError(() => decodeServers([device({}), device({ provides: 3 })]), 'resources[1].provides', /expected string/);
      expectFieldError(
        () => decodeServers([device({ connections: [{ uri: 'not a url' }] })]),
        'resources[0].connections[0].uri',
        /expected URL/,
      );
    });

    test('orderConnections is stable and a permutation', () => {
      const arbitraryConnection = fc.record({
        uri: fc.string(),
        protocol: fc.constantFrom<'http' | 'https'>('http', 'https'),
        local: fc.boolean(),
        relay: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(arbitraryConnection, { maxLength: 12 }), (seeds) => {
          const input = seeds.map((seed, index) => connection({ ...seed, port: index }));
          const ordered = orderConnections(input);
          assert.deepEqual([...ordered].sort((a, b) => a.port - b.port), input);
          const rank = (c: PlexConnection): number => (c.relay ? 4 : c.local ? 0 : 2) + (c.protocol === 'https' ? 0 : 1);
          for (let i = 1; i < ordered.length; i++) {
            const previous = ordered[i - 1];
            const current = ordered[i];
            assert.ok(previous && current);
            assert.ok(rank(previous) < rank(current) || (rank(previous) === rank(current) && previous.port < current.port));
          }
        }),
      );
    });
  });

  suite('PMS answers', () => {
    test('transient token from JSON and from XML (with prolog, entities and single quotes)', () => {
      assert.equal(decodeTransientTokenJson({ MediaContainer: { size: 0, token: 'transient-1' } }), 'transient-1');
      assert.equal(decodeTransientTokenXml('<MediaContainer size="0" token="transient-2"/>'), 'transient-2');
      assert.equal(
        decodeTransientTokenXml(
          "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- note --><MediaContainer token='a&amp;b&#x41;&#66;' size=\"0\">\n</MediaContainer>",
        ),
        'a&bAB',
      );
    });

    test('transient token failures name MediaContainer.token', () => {
      expectFieldError(() => decodeTransientTokenJson({ MediaContainer: {} }), 'MediaContainer.token', /got nothing/);
      expectFieldError(() => decodeTransientTokenJson({ MediaContainer: { token: '' } }), 'MediaContainer.token', /non-empty/);
      expectFieldError(() => decodeTransientTokenXml('<MediaContainer size="0"/>'), 'MediaContainer.token', /got nothing/);
      expectFieldError(() => decodeTransientTokenJson({}), 'MediaContainer', /expected object, got nothing/);
      for (const bad of ['', 'token=x', '<MediaContainer token="x"', '<Other token="x"/>', '<MediaContainer token="&bogus;"/>', '<MediaContainer token="&#x110000;"/>']) {
        assert.throws(() => decodeTransientTokenXml(bad), PlexResponseError, bad);
      }
    });

    const device = {
      name: "Alice's Cloud",
      clientIdentifier: 'cloud-id',
      accessToken: 'srv-token',
      Connection: [
        { protocol: 'https', address: '10.0.0.5', port: 32400, uri: 'https://10-0-0-5.x.plex.direct:32400', local: true, relay: false },
        { protocol: 'http', address: '203.0.113.9', port: '32400', local: 0, relay: '1' },
      ],
    };

    test('source connection information: Device as an object or as an array', () => {
      const expected = {
        name: "Alice's Cloud",
        clientIdentifier: 'cloud-id',
        accessToken: 'srv-token',
        connections: [
          { uri: 'https://10-0-0-5.x.plex.direct:32400', protocol: 'https', address: '10.0.0.5', port: 32400, local: true, relay: false },
          { uri: 'http://203.0.113.9:32400', protocol: 'http', address: '203.0.113.9', port: 32400, local: false, relay: true },
        ],
      };
      assert.deepEqual(decodeSourceConnectionInformation({ MediaContainer: { size: 1, Device: device } }, 'server://cloud-id'), expected);
      const other = { ...device, name: 'Other', clientIdentifier: 'other-id' };
      assert.deepEqual(
        decodeSourceConnectionInformation({ MediaContainer: { Device: [other, device] } }, 'server://cloud-id'),
        expected,
      );
      assert.equal(decodeSourceConnectionInformation({ MediaContainer: { Device: [other, device] } }, 'provider://x').name, 'Other');
    });

    test('source connection information: a single Connection object, or none, and a missing name', () => {
      const unnamed = without(device, 'name');
      const single = decodeSourceConnectionInformation(
        { MediaContainer: { Device: { ...unnamed, Connection: device.Connection[0] } } },
        'server://cloud-id',
      );
      assert.equal(single.name, 'cloud-id');
      assert.equal(single.connections.length, 1);
      assert.deepEqual(
        decodeSourceConnectionInformation({ MediaContainer: { Device: { clientIdentifier: 'x' } } }, 'server://x').connections,
        [],
      );
    });

    test('source connection information failures name the field', () => {
      expectFieldError(
        () => decodeSourceConnectionInformation({ MediaContainer: { Device: [] } }, 'server://x'),
        'MediaContainer.Device',
        /expected object/,
      );
      expectFieldError(
        () => decodeSourceConnectionInformation({ MediaContainer: { Device: [{ clientIdentifier: 'x' }, 5] } }, 'server://x'),
        'MediaContainer.Device[1]',
        /expected object, got number/,
      );
      expectFieldError(
        () => decodeSourceConnectionInformation({ MediaContainer: { Device: { clientIdentifier: 'x', Connection: [{ protocol: 'http' }] } } }, 's'),
        'MediaContainer.Device.Connection[0].uri',
        /expected string, got nothing/,
      );
      expectFieldError(
        () => decodeSourceConnectionInformation({ MediaContainer: { Device: { clientIdentifier: 'x', Connection: [{ uri: 'u', local: 'maybe' }] } } }, 's'),
        'MediaContainer.Device.Connection[0].local',
        /expected boolean/,
      );
    });
  });

  suite('properties: arbitrary input gives a value or a PlexResponseError', () => {
    function valueOrResponseError(run: () => unknown): void {
      try {
        run();
      } catch (error) {
        assert.ok(error instanceof PlexResponseError, `threw ${String(error)}`);
        assert.ok(error.message.length > 0);
      }
    }

    const jsonDecoders: [string, (value: unknown) => unknown][] = [
      ['account', (value) => decodeAccount(value)],
      ['sign-in', (value) => decodeSignIn(value)],
      ['pin', (value) => decodePin(value)],
      ['servers', (value) => decodeServers(value)],
      ['transient token', (value) => decodeTransientTokenJson(value)],
      ['source connection', (value) => decodeSourceConnectionInformation(value, 'server://x')],
    ];

    /** Arbitrary JSON, and arbitrary JSON inside the right outer shape, so decoders get past the first check. */
    const nearlyRight = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.constantFrom('id', 'uuid', 'username', 'title', 'email', 'twoFactorEnabled', 'subscription', 'code', 'expiresIn', 'authToken', 'home'), fc.jsonValue()),
      fc.record({ MediaContainer: fc.record({ token: fc.jsonValue(), Device: fc.jsonValue() }, { requiredKeys: [] }) }),
      fc.array(fc.record({ provides: fc.constantFrom('server', 'client'), name: fc.jsonValue(), clientIdentifier: fc.jsonValue(), connections: fc.jsonValue() }, { requiredKeys: ['provides'] })),
      fc.anything(),
    );

    for (const [name, decode] of jsonDecoders) {
      test(`${name}: arbitrary JSON values`, () => {
        fc.assert(fc.property(nearlyRight, (value) => valueOrResponseError(() => decode(value))), { numRuns: 300 });
      });
    }

    test('the JSON form of a transient token: a valid container always decodes', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1 }), fc.dictionary(fc.string(), fc.jsonValue()), (token, extra) => {
          assert.equal(decodeTransientTokenJson({ MediaContainer: { ...extra, token } }), token);
        }),
      );
    });

    test('XML: arbitrary strings', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => valueOrResponseError(() => decodeTransientTokenXml(text))), {
        numRuns: 500,
      });
    });

    test('XML: arbitrary attribute soup inside a MediaContainer', () => {
      const xmlish = fc
        .array(fc.oneof(fc.constantFrom('<', '>', '/', '"', "'", '=', ' ', '&', ';', '#x', 'token', 'MediaContainer', '<?', '?>', '<!--', '-->'), fc.string()), {
          maxLength: 30,
        })
        .map((parts) => parts.join(''));
      fc.assert(
        fc.property(xmlish, (text) => valueOrResponseError(() => decodeTransientTokenXml(`<MediaContainer ${text}`))),
        { numRuns: 500 },
      );
    });

    test('XML: any token value round-trips through escaping', () => {
      const escape = (text: string): string =>
        text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      fc.assert(
        fc.property(fc.string({ minLength: 1 }), (token) => {
          assert.equal(decodeTransientTokenXml(`<?xml version="1.0"?><MediaContainer size="0" token="${escape(token)}"/>`), token);
        }),
      );
    });
  });
});
