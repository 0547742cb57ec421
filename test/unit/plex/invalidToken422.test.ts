// plex.tv's 422 "Invalid token" (its answer to a token that a password reset with "sign out of
// all devices" revoked) is a refused token on every route that sends one, over real sockets to
// the stand-in; other 422s keep their meaning.
import * as assert from 'node:assert/strict';
import { PlexJwtRejectedError, PlexTvAccountTools, generateDeviceKey, publicJwkOf, type PlexErrorKind } from '../../../src/plex/index';
import { errorFromResponse, readPlexErrorBody } from '../../../src/plex/responseErrors';
import type { StandInRoute } from '../../standin/index';
import { FAST_RETRY, IDENTITY, rejectsWith, serverOf, useStandIn, type Harness } from './helpers';
import { jwtClient } from './jwt/helpers';

interface Route {
  route: StandInRoute;
  name: string;
  run: (harness: Harness) => Promise<unknown>;
}

const PLEX_TV_ROUTES: Route[] = [
  { route: 'user', name: 'getAccount', run: (h) => h.plexTv().getAccount(h.standIn.issueToken('alice')) },
  { route: 'resources', name: 'getServers', run: (h) => h.plexTv().getServers(h.standIn.issueToken('alice')) },
  { route: 'ping', name: 'ping', run: (h) => h.plexTv().ping(h.standIn.issueToken('alice')) },
  { route: 'signout', name: 'signOut', run: (h) => h.plexTv().signOut(h.standIn.issueToken('alice')) },
];

/** Each spec version's PMS, with a classic token. */
function mediaServerRoutes(serverName: string): Route[] {
  return [
    {
      route: 'pms.transientToken',
      name: `getTransientToken on ${serverName}`,
      run: (h) => h.mediaServer(serverOf(h.standIn, serverName).url).getTransientToken(h.standIn.issueToken('alice')),
    },
    {
      route: 'pms.sourceConnection',
      name: `getSourceConnectionInformation on ${serverName}`,
      run: (h) => {
        const server = serverOf(h.standIn, serverName);
        return h.mediaServer(server.url).getSourceConnectionInformation(h.standIn.issueToken('alice'), `server://${server.clientIdentifier}`);
      },
    },
  ];
}

suite('422 "Invalid token" is a refused token', () => {
  const harness = useStandIn();

  for (const { route, name, run } of [...PLEX_TV_ROUTES, ...mediaServerRoutes("Alice's Library"), ...mediaServerRoutes("Alice's Cloud")]) {
    test(`${name}: token-invalid, with the status plex.tv sent, not retried`, async () => {
      harness.standIn.addFault({ route, fault: { kind: 'invalid-token-422' } });
      const error = await rejectsWith(run(harness), 'token-invalid');
      assert.equal(error.status, 422);
      assert.equal(harness.requests(route).length, 1, 'a refusal is not retried');
    });
  }

  test('the device list (an XML route) reads the XML body: token-invalid', async () => {
    harness.standIn.addFault({ route: 'devices', fault: { kind: 'invalid-token-422' } });
    const tools = new PlexTvAccountTools({ identity: IDENTITY, baseUrl: harness.standIn.plexTvUrl, retry: FAST_RETRY });
    await rejectsWith(tools.listDevices(harness.standIn.issueToken('alice')), 'token-invalid');
    const [request] = harness.requests('devices');
    assert.equal(request?.status, 422);
  });

  test('a server sent a Plex JWT: the same as its 401 to a JWT (server-refuses-jwt), the session is not ended by a server', async () => {
    harness.standIn.addFault({ route: 'pms.transientToken', fault: { kind: 'invalid-token-422' } });
    const server = serverOf(harness.standIn, "Alice's Library");
    await rejectsWith(harness.mediaServer(server.url).getTransientToken('eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln'), 'server-refuses-jwt');
  });

  test("the JWT routes' 422 keeps its meaning: the device key is refused (jwt-rejected)", async () => {
    harness.standIn.addFault({ route: 'jwt.register', fault: { kind: 'invalid-token-422' } });
    const error = await rejectsWith(
      jwtClient(harness).registerJwk(harness.standIn.issueToken('alice'), publicJwkOf(generateDeviceKey())),
      'jwt-rejected',
    );
    assert.ok(error instanceof PlexJwtRejectedError);
    assert.equal(error.status, 422);
  });

  test('another 422 on a token route is a server error, not a refused token', async () => {
    for (const message of ['Unprocessable Entity', 'Invalid parameter', 'token missing']) {
      harness.standIn.clearFaults();
      harness.standIn.addFault({ route: 'user', fault: { kind: 'status', status: 422, message } });
      await rejectsWith(harness.plexTv().getAccount(harness.standIn.issueToken('alice')), 'server-error');
    }
  });

  test('password sign-in sends no token: a 422 "Invalid token" there is not a refused token', async () => {
    harness.standIn.addFault({ route: 'signin', fault: { kind: 'invalid-token-422' } });
    await rejectsWith(harness.plexTv().signIn({ login: 'alice', password: 'wrong' }), 'server-error');
  });
});

suite('422 bodies: where "Invalid token" is read from', () => {
  const kindOf = (status: number, text: string, mediaType: string, context: 'plex-tv-token' | 'sign-in' = 'plex-tv-token'): PlexErrorKind =>
    errorFromResponse({ status, host: 'plex.tv', context, body: readPlexErrorBody(text, mediaType) }).kind;

  test('the XML text form, the attribute form and the JSON errors array; any case, with more words', () => {
    for (const [text, mediaType] of [
      ['<errors><error>Invalid token</error></errors>', 'xml'],
      ['<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error>\n    Invalid token\n  </error>\n</errors>\n', 'xml'],
      ['<errors><error code="1001" message="Invalid token."/></errors>', 'xml'],
      ['{"errors":[{"message":"Invalid token","status":422}]}', 'json'],
      ['{"errors":[{"code":1001,"message":"invalid token: signed out","status":422}]}', 'json'],
    ] as const) {
      assert.equal(kindOf(422, text, mediaType), 'token-invalid', text);
    }
  });

  test('not from other statuses, other messages, an HTML page or an unread (too large) body', () => {
    assert.equal(kindOf(400, '<errors><error>Invalid token</error></errors>', 'xml'), 'server-error');
    assert.equal(kindOf(422, '<errors><error>Invalid email</error></errors>', 'xml'), 'server-error');
    assert.equal(kindOf(422, '<html><body>Invalid token</body></html>', 'html'), 'server-error');
    assert.equal(kindOf(422, '{"errors":[{"message":"Invalid token"}]}', 'json', 'sign-in'), 'server-error');
    const padded = `{"errors":[{"message":"Invalid token"}],"padding":"${'x'.repeat(70 * 1024)}"}`;
    assert.equal(kindOf(422, padded, 'json'), 'server-error');
  });
});
