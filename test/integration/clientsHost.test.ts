// Which host the JWT routes go to (plexClientsUrl in src/config.ts): clients.plex.tv for plex.tv,
// `<plexTvUrl>/clients` for any other address (a proxy, or the stand-in, which serves both). The
// stand-in runs as the other address, so the plex.tv branch is checked here, in the extension
// host where the setting is read; test/unit/plex/jwt/clientsHost.test.ts runs the JWT flows with
// clients.plex.tv on a host of its own.
import * as assert from 'node:assert/strict';
import { plexClientsUrl } from '../../src/config';

suite('clients.plex.tv host', () => {
  test('plex.tv (with or without www) sends the JWT routes to https://clients.plex.tv; any other address to its /clients', () => {
    assert.equal(plexClientsUrl('https://plex.tv'), 'https://clients.plex.tv');
    assert.equal(plexClientsUrl('https://www.plex.tv'), 'https://clients.plex.tv');
    assert.equal(plexClientsUrl('http://127.0.0.1:32400'), 'http://127.0.0.1:32400/clients');
    assert.equal(plexClientsUrl('https://plex.tv.example.com'), 'https://plex.tv.example.com/clients', 'only plex.tv itself');
    assert.equal(plexClientsUrl('not a url'), 'not a url/clients', 'an unusable address is left for the client to report');
  });
});
