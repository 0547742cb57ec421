// The JWT error kinds: names, kinds, details, and recognition across bundles by shape.
import * as assert from 'node:assert/strict';
import {
  PLEX_ERROR_KINDS,
  PLEX_JWT_REJECTIONS,
  PlexError,
  PlexJwtRejectedError,
  PlexServerRefusesJwtError,
  isPlexError,
  jwtRejectionOf,
} from '../../../../src/plex/index';

suite('JWT errors', () => {
  test('each class has its kind, name, status and code, and is a PlexError', () => {
    const rejected = new PlexJwtRejectedError('thumbprint-taken', 'message', { status: 422, plexCode: 1 });
    const refused = new PlexServerRefusesJwtError('message', { status: 401 });
    assert.equal(rejected.kind, 'jwt-rejected');
    assert.equal(rejected.name, 'PlexJwtRejectedError');
    assert.equal(rejected.reason, 'thumbprint-taken');
    assert.equal(rejected.status, 422);
    assert.equal(rejected.plexCode, 1);
    assert.equal(refused.kind, 'server-refuses-jwt');
    assert.equal(refused.name, 'PlexServerRefusesJwtError');
    assert.equal(refused.status, 401);
    for (const error of [rejected, refused]) {
      assert.ok(error instanceof PlexError);
      assert.ok(isPlexError(error));
      assert.ok((PLEX_ERROR_KINDS as readonly string[]).includes(error.kind));
    }
  });

  test('jwtRejectionOf reads the reason by shape, and nothing else', () => {
    for (const reason of PLEX_JWT_REJECTIONS) {
      assert.equal(jwtRejectionOf(new PlexJwtRejectedError(reason, 'm')), reason);
    }
    // What dist/plex.js throws looks like this to the extension bundle.
    assert.equal(jwtRejectionOf({ kind: 'jwt-rejected', reason: 'expired', name: 'PlexJwtRejectedError', message: 'm' }), 'expired');
    assert.equal(jwtRejectionOf({ kind: 'jwt-rejected', reason: 'no-such-reason' }), undefined);
    assert.equal(jwtRejectionOf({ kind: 'token-invalid', reason: 'expired' }), undefined);
    assert.equal(jwtRejectionOf(new PlexServerRefusesJwtError('m')), undefined);
    assert.equal(jwtRejectionOf(null), undefined);
    assert.equal(jwtRejectionOf('jwt-rejected'), undefined);
  });
});
