// Redaction of JWT material: any JWT, wherever it appears, and the private member of a JWK.
import * as assert from 'node:assert/strict';
import { generateDeviceKey, redact, redactUrl, serializeDeviceKey, signDeviceJwt } from '../../../../src/plex/index';

suite('redact: JWTs and device keys', () => {
  const key = generateDeviceKey();
  const jwt = signDeviceJwt(key, { clientIdentifier: 'c', nonce: 'n' });

  test('a JWT in a query string, a header, a JSON body and free text', () => {
    const texts = [
      `GET https://clients.plex.tv/api/v2/pins/1?deviceJWT=${jwt}&x=1`,
      `X-Plex-Token: ${jwt}`,
      JSON.stringify({ jwt }),
      JSON.stringify({ auth_token: jwt }),
      `could not use ${jwt}.`,
    ];
    for (const text of texts) {
      const redacted = redact(text);
      assert.ok(!redacted.includes(jwt), redacted);
      assert.ok(!redacted.includes(jwt.split('.')[2] ?? ''), 'not even the signature');
    }
    assert.equal(redact(`deviceJWT=${jwt}&x=1`), 'deviceJWT=***&x=1');
    assert.equal(redactUrl(`https://clients.plex.tv/api/v2/pins/1?deviceJWT=${jwt}`), 'https://clients.plex.tv/api/v2/pins/1');
  });

  test('the private key of a stored device key', () => {
    const redacted = redact(serializeDeviceKey(key));
    assert.ok(!redacted.includes(key.d));
    assert.ok(redacted.includes(key.x), 'the public half stays readable');
    assert.deepEqual(JSON.parse(redacted), { kty: 'OKP', crv: 'Ed25519', x: key.x, d: '***' });
  });

  test('text without JWTs is unchanged', () => {
    for (const text of ['eyJ alone', 'GET /api/v2/auth/nonce 200', '{"id":1,"data":"x"}']) {
      assert.equal(redact(text), text);
    }
  });
});
