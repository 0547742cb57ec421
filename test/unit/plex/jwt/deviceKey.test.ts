// The device key, its JWK and kid, the device JWT, and strict base64url: known answers from
// RFC 8037 where they exist, otherwise checks by an independent route (Node's verify, Python's
// hashlib for the kid).
import * as assert from 'node:assert/strict';
import { createPublicKey, sign, verify } from 'node:crypto';
import * as fc from 'fast-check';
import {
  DEVICE_JWT_LIFETIME_SECONDS,
  PLEX_JWT_SCOPES,
  deviceKeyId,
  generateDeviceKey,
  parseDeviceKey,
  publicJwkOf,
  serializeDeviceKey,
  signDeviceJwt,
  type PlexDeviceKey,
} from '../../../../src/plex/index';
import { decodeBase64Url, encodeBase64Url } from '../../../../src/plex/jwt/base64url';
import { privateKeyObject } from '../../../../src/plex/jwt/deviceKey';

/** RFC 8037 appendix A.1: the Ed25519 example key. */
export const RFC8037_KEY: PlexDeviceKey = {
  kty: 'OKP',
  crv: 'Ed25519',
  d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
};
/** hashlib.sha256(d_bytes + x_bytes).hexdigest() of that key, computed with Python (python-plexapi's `_keyID`). */
const RFC8037_KID = '364879476fe4eb377cd5b16a6bdcde9f92240ea603f1aeadc59d5c2561a0caf1';

function partsOf(jwt: string): { header: Record<string, unknown>; claims: Record<string, unknown>; input: string; signature: Buffer } {
  const [header, claims, signature] = jwt.split('.');
  assert.ok(header !== undefined && claims !== undefined && signature !== undefined);
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>,
    input: `${header}.${claims}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

suite('JWT device key', () => {
  test('the RFC 8037 key: public JWK, kid as python-plexapi computes it', () => {
    assert.deepEqual(publicJwkOf(RFC8037_KEY), {
      kty: 'OKP',
      crv: 'Ed25519',
      x: RFC8037_KEY.x,
      use: 'sig',
      alg: 'EdDSA',
      kid: RFC8037_KID,
    });
    assert.equal(deviceKeyId(RFC8037_KEY), RFC8037_KID);
  });

  test('the RFC 8037 A.4 signature: the stored JWK signs exactly as the RFC says', () => {
    const input = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc';
    const expected = 'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg';
    const key = parseDeviceKey(serializeDeviceKey(RFC8037_KEY));
    assert.ok(key);
    assert.equal(encodeBase64Url(sign(null, Buffer.from(input), privateKeyObject(key))), expected);
  });

  test('generated keys: Ed25519, 32-byte members, distinct, and they survive storage', () => {
    const first = generateDeviceKey();
    const second = generateDeviceKey();
    for (const key of [first, second]) {
      assert.equal(key.kty, 'OKP');
      assert.equal(key.crv, 'Ed25519');
      assert.equal(decodeBase64Url(key.x)?.length, 32);
      assert.equal(decodeBase64Url(key.d)?.length, 32);
      assert.deepEqual(parseDeviceKey(serializeDeviceKey(key)), key);
      assert.match(deviceKeyId(key), /^[0-9a-f]{64}$/);
    }
    assert.notEqual(first.d, second.d);
    assert.notEqual(deviceKeyId(first), deviceKeyId(second));
  });

  test('the public JWK never carries the private key', () => {
    const key = generateDeviceKey();
    const jwk = publicJwkOf(key);
    assert.ok(!('d' in jwk));
    assert.ok(!JSON.stringify(jwk).includes(key.d));
  });

  test('a damaged stored key is refused, never half-used', () => {
    const key = generateDeviceKey();
    const other = generateDeviceKey();
    const cases = [
      '',
      'not json',
      'null',
      '[]',
      JSON.stringify({ ...key, kty: 'EC' }),
      JSON.stringify({ ...key, crv: 'Ed448' }),
      JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: key.x }),
      JSON.stringify({ ...key, x: other.x }), // x is not d's public half
      JSON.stringify({ ...key, d: key.d.slice(0, -2) }),
      JSON.stringify({ ...key, d: `${key.d}=` }),
    ];
    for (const text of cases) {
      assert.equal(parseDeviceKey(text), undefined, text.replace(key.d, '<d>'));
    }
  });

  test('device JWT: header, claims and a signature the public key verifies', () => {
    const key = generateDeviceKey();
    const nowMs = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const jwt = signDeviceJwt(key, { clientIdentifier: 'client-1', nonce: 'nonce-1', nowMs });
    const { header, claims, input, signature } = partsOf(jwt);
    assert.deepEqual(header, { alg: 'EdDSA', typ: 'JWT', kid: deviceKeyId(key) });
    const iat = Math.floor(nowMs / 1000);
    assert.deepEqual(claims, {
      nonce: 'nonce-1',
      scope: PLEX_JWT_SCOPES.join(','),
      aud: 'plex.tv',
      iss: 'client-1',
      iat,
      exp: iat + DEVICE_JWT_LIFETIME_SECONDS,
    });
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
    assert.ok(verify(null, Buffer.from(input), publicKey, signature));
    const otherKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: generateDeviceKey().x }, format: 'jwk' });
    assert.ok(!verify(null, Buffer.from(input), otherKey, signature));
  });

  test('device JWT: scopes and lifetime as asked', () => {
    const jwt = signDeviceJwt(generateDeviceKey(), {
      clientIdentifier: 'c',
      nonce: 'n',
      scopes: ['username', 'email'],
      lifetimeSeconds: 60,
      nowMs: 1_000_000,
    });
    const { claims } = partsOf(jwt);
    assert.equal(claims['scope'], 'username,email');
    assert.equal(claims['exp'], 1060);
  });

  test('base64url: round trip, and only the canonical spelling decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        assert.deepEqual(decodeBase64Url(text), Buffer.from(bytes));
      }),
    );
    const signature = encodeBase64Url(Buffer.alloc(64, 7)); // 86 characters: the last carries 4 spare bits
    const last = signature.at(-1) ?? '';
    const sibling = String.fromCharCode(last.charCodeAt(0) + 1);
    assert.deepEqual(Buffer.from(`${signature.slice(0, -1)}${sibling}`, 'base64url'), Buffer.alloc(64, 7)); // what Node alone would accept
    assert.equal(decodeBase64Url(`${signature.slice(0, -1)}${sibling}`), undefined);
    for (const bad of ['a', 'ab=', 'a+b/', 'a b', 'ab.c']) {
      assert.equal(decodeBase64Url(bad), undefined, bad);
    }
  });
});
