// verifyPlexJwt on JWTs made here with a test "plex.tv" key: every check, key choice by kid, and
// (fast-check) that changing any one character of a valid JWT makes it fail.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import * as fc from 'fast-check';
import {
  PlexJwtRejectedError,
  generateDeviceKey,
  deviceKeyId,
  isPlexError,
  jwtExpiry,
  looksLikeJwt,
  plexJwtNeedsRenewal,
  verifyPlexJwt,
  type PlexJwtExpectations,
  type PlexJwtRejection,
  type PlexSigningKey,
} from '../../../../src/plex/index';

interface TestSigner {
  key: PlexSigningKey;
  privateKey: KeyObject;
}

function newSigner(kid: string): TestSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { key: { kid, x: String(publicKey.export({ format: 'jwk' }).x) }, privateKey };
}

const CLIENT = 'client-under-test';
const DEVICE_KID = deviceKeyId(generateDeviceKey());
const NOW_MS = Date.UTC(2026, 5, 1);
const NOW = NOW_MS / 1000;
const plex = newSigner('plex-key-1');
const plexOther = newSigner('plex-key-2');

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function makeJwt(
  claimChanges: Record<string, unknown> = {},
  options: { signer?: TestSigner; header?: Record<string, unknown> } = {},
): string {
  const signer = options.signer ?? plex;
  const header = { alg: 'EdDSA', typ: 'JWT', kid: signer.key.kid, ...options.header };
  const claims = {
    iss: 'plex.tv',
    aud: ['plex.tv', CLIENT],
    iat: NOW - 10,
    exp: NOW + 7 * 86400,
    nonce: 'n-1',
    thumbprint: DEVICE_KID,
    scope: 'username',
    user: { id: 1, uuid: 'u-1', username: 'alice', email: 'alice@example.com', friendly_name: 'Alice' },
    ...claimChanges,
  };
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), signer.privateKey).toString('base64url')}`;
}

const EXPECT: PlexJwtExpectations = { clientIdentifier: CLIENT, keyId: DEVICE_KID, keys: [plexOther.key, plex.key], nowMs: NOW_MS };

function rejection(token: string, expected: PlexJwtExpectations = EXPECT): PlexJwtRejection {
  try {
    verifyPlexJwt(token, expected);
  } catch (error) {
    assert.ok(error instanceof PlexJwtRejectedError, String(error));
    assert.ok(isPlexError(error));
    assert.equal(error.kind, 'jwt-rejected');
    assert.ok(!error.message.includes(token), 'the token must not appear in the message');
    return error.reason;
  }
  assert.fail('the JWT was accepted');
}

suite('verifyPlexJwt', () => {
  test('a good JWT: claims, expiry and the signing key', () => {
    const token = makeJwt();
    const verified = verifyPlexJwt(token, EXPECT);
    assert.equal(verified.token, token);
    assert.equal(verified.expiresAt, NOW + 7 * 86400);
    assert.equal(verified.signingKeyId, 'plex-key-1');
    assert.deepEqual(verified.claims, {
      iss: 'plex.tv',
      aud: ['plex.tv', CLIENT],
      iat: NOW - 10,
      exp: NOW + 7 * 86400,
      thumbprint: DEVICE_KID,
      nonce: 'n-1',
      scope: 'username',
      user: { id: 1, uuid: 'u-1', username: 'alice', email: 'alice@example.com', friendlyName: 'Alice' },
    });
  });

  test('several published keys: the one named by kid; without a kid, any that verifies', () => {
    assert.equal(verifyPlexJwt(makeJwt({}, { signer: plexOther }), EXPECT).signingKeyId, 'plex-key-2');
    assert.equal(verifyPlexJwt(makeJwt({}, { header: { kid: undefined } }), EXPECT).signingKeyId, 'plex-key-1');
    // A kid naming one key while another key signed: the named key decides.
    assert.equal(rejection(makeJwt({}, { signer: plex, header: { kid: 'plex-key-2' } })), 'bad-signature');
  });

  test('each failed check has its reason', () => {
    const stranger = newSigner('not-published');
    const cases: [string, PlexJwtRejection][] = [
      ['not a jwt', 'malformed'],
      ['a.b', 'malformed'],
      [`${makeJwt()}.x`, 'malformed'],
      [makeJwt({}, { header: { alg: 'none' } }), 'unsupported-algorithm'],
      [makeJwt({}, { header: { alg: 'HS256' } }), 'unsupported-algorithm'],
      [makeJwt({}, { signer: stranger }), 'unknown-signing-key'],
      [makeJwt({}, { signer: stranger, header: { kid: 'plex-key-1' } }), 'bad-signature'],
      [makeJwt({ iss: 'plex.example' }), 'wrong-issuer'],
      [makeJwt({ aud: ['plex.tv', 'another-client'] }), 'wrong-audience'],
      [makeJwt({ aud: 'plex.tv' }), 'wrong-audience'],
      [makeJwt({ thumbprint: 'f'.repeat(64) }), 'wrong-thumbprint'],
      [makeJwt({ iat: NOW + 61 }), 'issued-in-future'],
      [makeJwt({ nbf: NOW + 120 }), 'issued-in-future'],
      [makeJwt({ exp: NOW - 20, iat: NOW - 10 }), 'expired'],
      [makeJwt({ exp: NOW + 30, iat: NOW + 40 }), 'expired'], // valid for no time at all
      [makeJwt({ exp: NOW, iat: NOW - 100 }), 'expired'],
      [makeJwt({ exp: NOW - 1, iat: NOW - 100 }), 'expired'],
    ];
    for (const claim of ['iss', 'aud', 'iat', 'exp', 'thumbprint']) {
      cases.push([makeJwt({ [claim]: undefined }), 'missing-claim']);
    }
    cases.push([makeJwt({ exp: '2030-01-01' }), 'missing-claim'], [makeJwt({ aud: [1] }), 'missing-claim']);
    for (const [token, reason] of cases) {
      assert.equal(rejection(token), reason, reason);
    }
  });

  test('clock skew: iat up to 60 s ahead passes, a JWT valid for one more second passes', () => {
    assert.ok(verifyPlexJwt(makeJwt({ iat: NOW + 60 }), EXPECT));
    assert.ok(verifyPlexJwt(makeJwt({ iat: NOW - 100, exp: NOW + 1 }), EXPECT));
    assert.equal(rejection(makeJwt({ iat: NOW + 30 }), { ...EXPECT, clockSkewSeconds: 10 }), 'issued-in-future');
  });

  test('no published keys at all: unknown signing key', () => {
    assert.equal(rejection(makeJwt(), { ...EXPECT, keys: [] }), 'unknown-signing-key');
  });

  test('property: changing any one character of a valid JWT makes it fail', () => {
    const token = makeJwt();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u00e9';
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...alphabet), (index, replacement) => {
        fc.pre(token[index] !== replacement);
        const tampered = `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
        assert.throws(() => verifyPlexJwt(tampered, EXPECT), PlexJwtRejectedError);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: any flipped bit of any byte makes it fail', () => {
    const token = makeJwt();
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        const bytes = Buffer.from(token, 'latin1');
        bytes[index] = (bytes[index] ?? 0) ^ (1 << bit);
        assert.throws(() => verifyPlexJwt(bytes.toString('latin1'), EXPECT), PlexJwtRejectedError);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: a valid JWT with extra or missing characters fails', () => {
    const token = makeJwt();
    fc.assert(
      fc.property(fc.nat(token.length), fc.string({ minLength: 1, maxLength: 3 }), (index, extra) => {
        assert.throws(() => verifyPlexJwt(`${token.slice(0, index)}${extra}${token.slice(index)}`, EXPECT), PlexJwtRejectedError);
      }),
    );
    fc.assert(
      fc.property(fc.nat(token.length - 1), (index) => {
        assert.throws(() => verifyPlexJwt(`${token.slice(0, index)}${token.slice(index + 1)}`, EXPECT), PlexJwtRejectedError);
      }),
    );
  });

  test('plexJwtNeedsRenewal: less than a day left', () => {
    assert.equal(plexJwtNeedsRenewal(NOW + 86400 + 1, NOW_MS), false);
    assert.equal(plexJwtNeedsRenewal(NOW + 86400 - 1, NOW_MS), true);
    assert.equal(plexJwtNeedsRenewal(NOW - 1, NOW_MS), true);
  });

  test('jwtExpiry and looksLikeJwt', () => {
    const token = makeJwt({ exp: 1_900_000_000 });
    assert.equal(jwtExpiry(token), 1_900_000_000);
    assert.equal(jwtExpiry('CxoUzBTSV5hsxjTpFKaf'), undefined);
    assert.equal(jwtExpiry(makeJwt({ exp: 'soon' })), undefined);
    assert.ok(looksLikeJwt(token));
    assert.ok(!looksLikeJwt('CxoUzBTSV5hsxjTpFKaf'));
    assert.ok(!looksLikeJwt('transient-3f2a9c1e-1b2c-4d5e-8f90-a1b2c3d4e5f6'));
  });
});
