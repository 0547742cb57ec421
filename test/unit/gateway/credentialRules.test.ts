// Which token may go to which server (src/auth/gateway/credentialRules.ts): the rules the gateway
// applies to every request to a server, each checked on its own.
import * as assert from 'node:assert/strict';
import { credentialFor, listedServer, type CredentialContext, type Destination } from '../../../src/auth/gateway/credentialRules';
import type { PlexServer } from '../../../src/plex/types';

const IDENTITY = 'identity-token';

function server(clientIdentifier: string, owned: boolean, uris: string[], accessToken?: string): PlexServer {
  return {
    name: clientIdentifier,
    clientIdentifier,
    owned,
    ...(accessToken === undefined ? {} : { accessToken }),
    connections: uris.map((uri) => ({ uri, protocol: uri.startsWith('https') ? 'https' : 'http', local: false, relay: false })),
  } as PlexServer;
}

const owned = server('owned-id', true, ['https://10-0-0-2.abc.plex.direct:32400', 'http://10.0.0.2:32400']);
const ownedWithToken = server('owned-token-id', true, ['https://owned.example:32400'], 'owned-server-token');
const shared = server('shared-id', false, ['https://shared.example:32400'], 'shared-server-token');
const sharedWithout = server('shared-without-id', false, ['https://bare.example:32400']);
const LISTED = [owned, ownedWithToken, shared, sharedWithout];

function context(answers: Record<string, boolean> = {}, listed: readonly PlexServer[] | undefined = LISTED): CredentialContext {
  const remembered = new Map(Object.entries(answers));
  return { identityToken: IDENTITY, listed, hostAnswer: (host) => remembered.get(host) };
}

const decide = (destination: Destination, ctx = context()) => credentialFor(destination, ctx);

suite('Gateway credential rules', () => {
  test("the identity's token goes to a server plex.tv listed for the account (owned, no token of its own), only on a listed connection", () => {
    for (const uri of ['https://10-0-0-2.abc.plex.direct:32400', 'https://10-0-0-2.abc.plex.direct:32400/', 'http://10.0.0.2:32400']) {
      assert.deepEqual(decide({ kind: 'server', serverId: 'owned-id', uri }), { send: IDENTITY, server: owned }, uri);
    }
    for (const uri of ['https://attacker.example', 'https://10-0-0-2.abc.plex.direct:32401', 'http://10.0.0.2:32400/path']) {
      assert.deepEqual(decide({ kind: 'server', serverId: 'owned-id', uri }), { refuse: 'not-a-listed-connection' }, uri);
    }
  });

  test("a server's own access token goes only to that server's listed connections", () => {
    assert.deepEqual(decide({ kind: 'server', serverId: 'shared-id', uri: 'https://shared.example:32400' }), { send: 'shared-server-token', server: shared });
    assert.deepEqual(decide({ kind: 'server', serverId: 'owned-token-id', uri: 'https://owned.example:32400' }), { send: 'owned-server-token', server: ownedWithToken });
    // Another listed server's address is not this server's connection.
    assert.deepEqual(decide({ kind: 'server', serverId: 'shared-id', uri: 'https://owned.example:32400' }), { refuse: 'not-a-listed-connection' });
  });

  test('a shared server without an access token of its own gets no token at all', () => {
    assert.deepEqual(decide({ kind: 'server', serverId: 'shared-without-id', uri: 'https://bare.example:32400' }), { refuse: 'shared-without-token' });
    assert.deepEqual(decide({ kind: 'address', uri: 'https://bare.example:32400' }), { refuse: 'shared-without-token' });
  });

  test('a server id plex.tv did not list, or no list yet, or a prototype name: refused', () => {
    for (const serverId of ['unknown', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      assert.deepEqual(decide({ kind: 'server', serverId, uri: 'https://shared.example:32400' }), { refuse: 'not-listed' }, serverId);
    }
    const notRead: CredentialContext = { identityToken: IDENTITY, listed: undefined, hostAnswer: () => undefined };
    assert.deepEqual(decide({ kind: 'server', serverId: 'owned-id', uri: 'http://10.0.0.2:32400' }, notRead), { refuse: 'not-listed' });
    assert.equal(listedServer(LISTED, { toString: () => 'owned-id' }), undefined, 'only a string id is looked up');
  });

  test("plex.serverUrl: the matching listed server's token; else the identity's token only once the user allowed that host", () => {
    assert.deepEqual(decide({ kind: 'address', uri: 'https://shared.example:32400/' }), { send: 'shared-server-token', server: shared });
    assert.deepEqual(decide({ kind: 'address', uri: 'http://10.0.0.2:32400' }), { send: IDENTITY, server: owned });
    assert.deepEqual(decide({ kind: 'address', uri: 'https://elsewhere.example:32400' }), { ask: 'elsewhere.example:32400' });
    assert.deepEqual(decide({ kind: 'address', uri: 'https://elsewhere.example:32400' }, context({ 'elsewhere.example:32400': true })), { send: IDENTITY });
    assert.deepEqual(decide({ kind: 'address', uri: 'https://elsewhere.example:32400' }, context({ 'elsewhere.example:32400': false })), { refuse: 'host-declined' });
    // Allowing one host allows no other (the port is part of it).
    assert.deepEqual(decide({ kind: 'address', uri: 'https://elsewhere.example:32401' }, context({ 'elsewhere.example:32400': true })), { ask: 'elsewhere.example:32401' });
    assert.deepEqual(decide({ kind: 'address', uri: 'not a url' }), { refuse: 'unusable-address' });
  });
});
