// Which connections may carry the token without asking (src/auth/gateway/connectionSecurity.ts).
import * as assert from 'node:assert/strict';
import { ConnectionSecurity, isLoopbackHost } from '../../src/auth/gateway/connectionSecurity';
import { LocalAddresses } from '../integration/localAddresses';

const hostname = (url: string): string => new URL(url).hostname;

suite('Connection security', () => {
  test('loopback: all of 127.0.0.0/8, ::1, IPv4-mapped loopback and localhost, as URL spells them', () => {
    for (const url of [
      'http://127.0.0.1:32400',
      'http://127.0.0.2/',
      'http://127.255.255.254/',
      'http://[::1]:32400',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost:32400',
      'http://LOCALHOST./',
      'http://2130706433/',
      'http://0x7f.1/',
    ]) {
      assert.equal(isLoopbackHost(hostname(url)), true, url);
    }
  });

  test('not loopback: private, public and look-alike addresses', () => {
    for (const url of [
      'http://192.168.1.10:32400',
      'http://10.0.0.1/',
      'http://128.0.0.1/',
      'http://126.255.255.255/',
      'http://[::2]/',
      'http://[::ffff:192.168.1.10]/',
      'http://localhost.example.com/',
      'http://127.0.0.1.nip.io/',
      'http://plex.tv/',
      'http://0.0.0.0/',
    ]) {
      assert.equal(isLoopbackHost(hostname(url)), false, url);
    }
  });

  test('https anywhere and http to this computer are secure; http elsewhere and junk are not', () => {
    const security = new ConnectionSecurity();
    assert.equal(security.isSecure('https://192-168-1-10.abc.plex.direct:32400'), true);
    assert.equal(security.isSecure('http://127.0.0.1:32400'), true);
    assert.equal(security.isSecure('http://192.168.1.10:32400'), false);
    assert.equal(security.isSecure('ftp://127.0.0.1/'), false);
    assert.equal(security.isSecure('not a url'), false);
  });

  test('secure connections come first, each group keeping its order', () => {
    const security = new ConnectionSecurity();
    const uris = ['http://192.168.1.10:32400', 'http://127.0.0.1:32400', 'http://203.0.113.10:32400', 'https://relay.plex.direct:8443'];
    assert.deepEqual(security.preferSecure(uris), [
      'http://127.0.0.1:32400',
      'https://relay.plex.direct:8443',
      'http://192.168.1.10:32400',
      'http://203.0.113.10:32400',
    ]);
  });

  test("the integration tests' treatAsRemote counts a loopback host:port as another computer", () => {
    const local = new LocalAddresses();
    const security = new ConnectionSecurity(local.isLocal);
    local.treatAsRemote(['127.0.0.1:40000']);
    assert.equal(security.isSecure('http://127.0.0.1:40000/'), false);
    assert.equal(security.isSecure('http://127.0.0.1:40001/'), true);
    assert.equal(security.isSecure('http://192.168.1.10:40001/'), false);
    local.treatAsRemote([]);
    assert.equal(security.isSecure('http://127.0.0.1:40000/'), true);
  });
});
