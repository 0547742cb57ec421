// Error classes and isPlexError (which must work across bundles), plus the pure retry arithmetic
// and the wording of transport failures.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  DeviceNotFoundError,
  PlexPassRequiredError,
  HomePinInvalidError,
  HomeUserNotFoundError,
  InvalidCredentialsError,
  LinkCodeInvalidError,
  PLEX_ERROR_KINDS,
  PinExpiredError,
  PlexCancelledError,
  PlexError,
  PlexNetworkError,
  PlexResponseError,
  PlexServerError,
  PlexTimeoutError,
  RateLimitedError,
  TokenInvalidError,
  TooManyAttemptsError,
  TwoFactorRequiredError,
  isPlexError,
} from '../../../src/plex/index';
import { isPlexFailure, plexFailure } from '../../../src/plex/failure';
import { networkFailure } from '../../../src/plex/networkErrors';
import { backoffDelayMs, parseRetryAfterMs, retryPolicy, sleep } from '../../../src/plex/retry';

suite('errors', () => {
  const classes = [
    [InvalidCredentialsError, 'invalid-credentials'],
    [TwoFactorRequiredError, 'two-factor-required'],
    [TooManyAttemptsError, 'too-many-attempts'],
    [TokenInvalidError, 'token-invalid'],
    [RateLimitedError, 'rate-limited'],
    [PinExpiredError, 'pin-expired'],
    [PlexServerError, 'server-error'],
    [PlexNetworkError, 'network'],
    [PlexTimeoutError, 'timeout'],
    [PlexCancelledError, 'cancelled'],
    [PlexResponseError, 'bad-response'],
    [HomePinInvalidError, 'home-pin-invalid'],
    [HomeUserNotFoundError, 'home-user-not-found'],
    [LinkCodeInvalidError, 'link-code-invalid'],
    [DeviceNotFoundError, 'device-not-found'],
    [PlexPassRequiredError, 'plex-pass-required'],
  ] as const;

  test('one class per kind, each with its own name, status and code', () => {
    // The JWT kinds carry a reason and are checked in jwt/jwt-errors.test.ts.
    assert.deepEqual(
      [...classes.map(([, kind]) => kind), 'jwt-rejected', 'server-refuses-jwt'],
      [...PLEX_ERROR_KINDS],
    );
    for (const [ErrorClass, kind] of classes) {
      const error = new ErrorClass('message', { status: 418, plexCode: 1234 });
      assert.ok(error instanceof PlexError && error instanceof Error);
      assert.equal(error.kind, kind);
      assert.equal(error.name, ErrorClass.name);
      assert.equal(error.message, 'message');
      if (ErrorClass !== PlexCancelledError) {
        assert.equal(error.status, 418);
        assert.equal(error.plexCode, 1234);
      }
      assert.ok(isPlexError(error));
    }
    assert.equal(new RateLimitedError('m', { retryAfterSeconds: 3 }).retryAfterSeconds, 3);
    assert.equal(new PlexResponseError('m', { field: 'user.id' }).field, 'user.id');
    assert.equal(new PlexCancelledError().message, 'The request was cancelled.');
  });

  test('failures from another bundle are recognised by their brand; look-alikes are not', () => {
    // What another bundle's copy of the failure module makes: another class, the same global brand.
    class OtherBundlesFailure extends Error {
      readonly kind = 'token-invalid';
      readonly status = 401;
    }
    const foreign = Object.defineProperty(new OtherBundlesFailure('gone'), Symbol.for('plex-vscode.failure'), { value: true });
    assert.ok(!(foreign instanceof PlexError), 'another class');
    assert.ok(isPlexError(foreign));
    assert.ok(isPlexFailure(foreign) && foreign.status === 401);
    assert.ok(!isPlexError(plexFailure('setting', 'fix it')), 'a failure of the extension is not a Plex call failure');
    assert.ok(isPlexFailure(plexFailure('setting', 'fix it')));
    class LookAlike extends Error {
      readonly kind = 'token-invalid';
      override name = 'TokenInvalidError';
    }
    assert.ok(!isPlexError(new LookAlike('gone')), 'no brand: not a failure');
    assert.ok(!isPlexError(new Error('plain')));
    assert.ok(!isPlexError({ kind: 'no-such-kind', name: 'X', message: 'm' }));
    assert.ok(!isPlexError({ kind: 'timeout', message: 'm' }));
    assert.ok(!isPlexError(null));
    assert.ok(!isPlexError('timeout'));
    fc.assert(fc.property(fc.anything(), (value) => typeof isPlexError(value) === 'boolean'));
  });
});

suite('retry arithmetic', () => {
  test('Retry-After as seconds or an HTTP date; garbage is ignored', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(parseRetryAfterMs('3', now), 3000);
    assert.equal(parseRetryAfterMs(' 0 ', now), 0);
    assert.equal(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', now), 10_000);
    assert.equal(parseRetryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', now), 0, 'a date in the past means now');
    assert.equal(parseRetryAfterMs('soon', now), undefined);
    assert.equal(parseRetryAfterMs('-5', now), undefined);
    assert.equal(parseRetryAfterMs(null, now), undefined);
  });

  test('backoff doubles per retry, is capped, and the jitter stays within [half, full]', () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 350 });
    assert.equal(backoffDelayMs(policy, 1, () => 0), 50);
    assert.equal(backoffDelayMs(policy, 1, () => 1), 100);
    assert.equal(backoffDelayMs(policy, 2, () => 1), 200);
    assert.equal(backoffDelayMs(policy, 3, () => 1), 350);
    assert.equal(backoffDelayMs(policy, 9, () => 0), 175);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, random) => {
        const delay = backoffDelayMs(policy, retry, () => random);
        const step = Math.min(350, 100 * 2 ** (retry - 1));
        assert.ok(delay >= step / 2 && delay <= step);
      }),
    );
  });

  test('defaults: 3 retries, 500 ms base, 8 s cap, Retry-After honoured up to 30 s; nonsense falls back', () => {
    assert.deepEqual(retryPolicy(), { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 30_000 });
    assert.deepEqual(retryPolicy({ maxRetries: -1, baseDelayMs: Number.NaN }), retryPolicy());
  });

  test('sleep is cancellable', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(waiting, PlexCancelledError);
    await assert.rejects(sleep(10, controller.signal), PlexCancelledError);
    await sleep(1);
  });
});

suite('transport failures in words', () => {
  const codes: [string, RegExp, boolean][] = [
    ['ECONNREFUSED', /the connection was refused/, true],
    ['ENOTFOUND', /the host name could not be resolved/, true],
    ['EAI_AGAIN', /the host name could not be resolved/, true],
    ['ECONNRESET', /closed unexpectedly/, true],
    ['ERR_STREAM_PREMATURE_CLOSE', /closed unexpectedly/, true],
    ['EHOSTUNREACH', /could not be reached/, true],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /TLS certificate was not accepted/, false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /TLS certificate was not accepted/, false],
    ['SOMETHING_NEW', /the connection failed/, true],
  ];

  test('names the reason, never the URL node-fetch puts in its message', () => {
    for (const [code, reason, retryable] of codes) {
      const fetchError = Object.assign(new Error('request to https://plex.tv/api/v2/user?secret=1 failed'), { code });
      const failure = networkFailure(fetchError, 'plex.tv');
      assert.match(failure.error.message, reason);
      assert.ok(!failure.error.message.includes('secret'));
      assert.equal(failure.retryable, retryable, code);
      assert.equal(failure.error.kind, 'network');
    }
    const nested = networkFailure({ message: 'x', cause: { code: 'ECONNREFUSED' } }, 'h');
    assert.match(nested.error.message, /refused/);
  });
});
