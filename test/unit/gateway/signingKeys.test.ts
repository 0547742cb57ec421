// plex.tv's JWT signing keys (src/auth/gateway/signingKeys.ts): one holder per origin, replaced once it expires.
import * as assert from 'node:assert/strict';
import { SIGNING_KEYS_TTL_MS, SigningKeys } from '../../../src/auth/gateway/signingKeys';

suite('JWT signing keys', () => {
  test('kept per origin: a proxy or stand-in never shares its keys with clients.plex.tv', () => {
    const keys = new SigningKeys(() => 0);
    const plex = keys.for('https://clients.plex.tv');
    plex.keys = [];
    assert.equal(keys.for('https://clients.plex.tv/api'), plex, 'the same origin shares one holder');
    assert.equal(keys.for('http://127.0.0.1:4000/clients').keys, undefined, 'another origin starts empty');
  });

  test('fetched again once they expire', () => {
    let now = 1_000;
    const keys = new SigningKeys(() => now);
    const first = keys.for('https://clients.plex.tv');
    first.keys = [];
    now += SIGNING_KEYS_TTL_MS - 1;
    assert.equal(keys.for('https://clients.plex.tv'), first);
    now += 1;
    const second = keys.for('https://clients.plex.tv');
    assert.notEqual(second, first);
    assert.equal(second.keys, undefined, 'an expired holder is replaced by an empty one: the next verification fetches');
  });
});
