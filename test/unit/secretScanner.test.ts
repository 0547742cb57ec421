// The leak audits' scanner (test/harness/secretScanner.ts): a secret planted in each form is
// found and named by its form; text holding no secret, near misses of short secrets included,
// gives no hit.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { accountSecrets } from '../harness/accountSecrets';
import { describeHits, isShortSecret, SecretScanner, type Secret } from '../harness/secretScanner';
import { DEMO_ACCOUNTS } from '../standin/accounts';

const token: Secret = { label: 'token', value: 'Zk3q-9xP_mW2/vR+tL8=' };
const password: Secret = { label: 'password', value: 'p@ss wörd&"1"' };
const pin: Secret = { label: 'PIN', value: '1234' };
const code: Secret = { label: 'code', value: '123456' };
const secrets = [token, password, pin, code];
const scanner = new SecretScanner(secrets);

function unicodeEscaped(value: string): string {
  return [...value].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

/** Each form, planted in surrounding text the way code would write it. */
function plantings(value: string): { form: string; text: string }[] {
  const bytes = Buffer.from(value, 'utf8');
  const base64 = isShortSecret(value) ? 'base64' : 'base64 (offset 0)';
  const base64url = isShortSecret(value) ? 'base64url' : 'base64url (offset 0)';
  const lowerEscapes = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return [
    { form: 'raw', text: `token=${value} end` },
    { form: base64, text: `auth ${bytes.toString('base64')}` },
    { form: base64url, text: `auth ${bytes.toString('base64url')}.` },
    { form: 'URL-encoded', text: `GET /x?t=${encodeURIComponent(value)}&y=1` },
    { form: 'URL-encoded', text: `GET /x?t=${lowerEscapes(encodeURIComponent(value))}&y=1` },
    { form: 'form-encoded', text: new URLSearchParams({ login: 'bob', password: value }).toString() },
    { form: 'form-encoded', text: lowerEscapes(new URLSearchParams({ login: 'bob', password: value }).toString()) },
    { form: 'JSON-escaped', text: JSON.stringify({ secret: value }) },
    { form: 'JSON-escaped', text: JSON.stringify({ secret: value }).replace(/\//g, '\\/') },
    { form: 'JSON \\u-escaped', text: `{"secret":"${unicodeEscaped(value)}"}` },
    { form: 'JSON \\u-escaped', text: `{"secret":"${unicodeEscaped(value).toUpperCase().replace(/\\U/g, '\\u')}"}` },
    { form: 'hex', text: `key ${bytes.toString('hex')};` },
    { form: 'hex', text: `key ${bytes.toString('hex').toUpperCase()};` },
    { form: 'hex bytes', text: `read ${inspect(bytes)}` },
  ];
}

/** The forms found for `secret` (each hit may name several), and whether split at a line end. */
function formsFound(text: string, secret: Secret, where = scanner): { forms: string[]; split: boolean }[] {
  return where
    .scanText('text', text)
    .filter((hit) => hit.label === secret.label)
    .map((hit) => ({ forms: hit.form.replace(/, split at a line end$/, '').split(' / '), split: hit.form.endsWith(', split at a line end') }));
}

function finds(text: string, secret: Secret, form: string): boolean {
  return formsFound(text, secret).some((hit) => hit.forms.includes(form));
}

suite('Leak audit scanner', () => {
  for (const secret of secrets) {
    test(`finds the ${secret.label} planted in each form, and names the form`, () => {
      for (const { form, text } of plantings(secret.value)) {
        assert.ok(finds(text, secret, form), `${form} not found in ${text}`);
      }
    });

    test(`finds the ${secret.label} split at a line end (LF or CRLF) anywhere, in each form`, () => {
      for (const { form, text } of plantings(secret.value)) {
        for (let at = 1; at < text.length; at++) {
          for (const lineEnd of ['\n', '\r\n']) {
            const wrapped = text.slice(0, at) + lineEnd + text.slice(at);
            assert.ok(finds(wrapped, secret, form), `${form} not found in ${JSON.stringify(wrapped)}`);
          }
        }
      }
    });
  }

  test('names a secret found across a line end as split', () => {
    assert.deepEqual(formsFound(`t=${token.value.slice(0, 5)}\r\n${token.value.slice(5)}`, token), [{ forms: ['raw', 'JSON-escaped'], split: true }]);
    assert.deepEqual(formsFound(`pin\n${pin.value}\n`, pin), [{ forms: ['raw', 'URL-encoded', 'form-encoded', 'JSON-escaped'], split: false }]);
  });

  test('finds a long secret inside a longer base64 or base64url blob, at each of the three byte offsets', () => {
    for (const secret of [token, password]) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), fc.boolean(), (before, after, url) => {
          const blob = Buffer.concat([before, Buffer.from(secret.value, 'utf8'), after]).toString(url ? 'base64url' : 'base64');
          const form = `${url ? 'base64url' : 'base64'} (offset ${before.length % 3})`;
          assert.ok(finds(`data:${blob};`, secret, form), `${form} not found in ${blob}`);
        }),
        { numRuns: 300 },
      );
    }
  });

  test('finds base64 wrapped at 76 columns (MIME) with CRLF line ends', () => {
    const blob = Buffer.concat([Buffer.alloc(50, 7), Buffer.from(token.value), Buffer.alloc(80, 9)]).toString('base64');
    const wrapped = blob.replace(/.{76}/g, '$&\r\n');
    assert.deepEqual(formsFound(wrapped, token), [{ forms: ['base64 (offset 2)', 'base64url (offset 2)'], split: true }]);
  });

  test('finds secrets stored as UTF-16 at either byte alignment, in files and in file names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plex-secret-scan-'));
    try {
      mkdirSync(join(dir, 'nested'));
      writeFileSync(join(dir, 'nested', 'odd.bin'), Buffer.concat([Buffer.from([1]), Buffer.from(`pin ${pin.value};`, 'utf16le')]));
      writeFileSync(join(dir, 'nested', 'even.bin'), Buffer.from(`{"t":"${token.value}"}`, 'utf16le'));
      writeFileSync(join(dir, 'state.json'), JSON.stringify({ note: 'x', code: code.value }));
      writeFileSync(join(dir, Buffer.from(password.value).toString('hex')), 'nothing inside');
      writeFileSync(join(dir, 'clean.txt'), 'pid 41234, port 12345, took 1234ms');
      const hits = scanner.scanDirectory(dir).map((hit) => `${hit.label}: ${hit.form} in ${hit.where.replace(dir, '')}`);
      assert.deepEqual(hits.sort(), [
        'PIN: raw / URL-encoded / form-encoded / JSON-escaped, UTF-16 in /nested/odd.bin',
        'code: raw / URL-encoded / form-encoded / JSON-escaped in /state.json',
        `password: hex in file name /${Buffer.from(password.value).toString('hex')}`,
        'token: raw / JSON-escaped, UTF-16 in /nested/even.bin',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('text without the secrets gives no hit: near misses of short secrets are not leaks', () => {
    const clean = [
      'pid 41234 port 12345 took 1234ms at 12:34:56.123',
      'GET http://127.0.0.1:40123/identity 200 1234 ms',
      'a1234 1234b 01234 12340 1234567 0123456789 x123456y',
      'PIN 1233, code 123457, code 12345 6',
      `${Buffer.from('1234 is in here, but inside a larger blob').toString('base64')}`,
      Buffer.from('unrelated bytes, nothing secret at all').toString('hex'),
      token.value.slice(0, -2),
      token.value.slice(1),
      `${password.value.slice(0, 6)}\n`,
      Buffer.from(token.value.slice(0, -1)).toString('base64'),
    ].join('\n');
    assert.deepEqual(describeHits(scanner.scanText('clean text', clean)), []);
  });

  test('random text that does not hold a long secret gives no hit for it', () => {
    const long = new SecretScanner([token, password]);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 200 }), (text, bytes) => {
        const haystack = `${text}${Buffer.from(bytes).toString('base64')}${Buffer.from(bytes).toString('hex')}`;
        assert.deepEqual(long.scanText('random', haystack), []);
      }),
      { numRuns: 300 },
    );
  });

  test('a short secret followed by " ms" is a measured time; followed by anything else it is still a hit', () => {
    const only = new SecretScanner([pin]);
    assert.deepEqual(describeHits(only.scanText('log', 'GET /api/v2/user 200 1234 ms\nretry in 1234 ms.')), []);
    assert.equal(only.scanText('log', 'entered 1234 msg').length, 1);
    assert.equal(only.scanText('log', 'PIN 1234 m').length, 1);
    assert.equal(only.scanText('log', 'PIN 1234').length, 1);
  });

  test('the demo accounts add their passwords, the two-factor code and the Home PIN to the secrets', () => {
    const labels = accountSecrets(DEMO_ACCOUNTS).map((secret) => `${secret.label}: ${secret.value}`);
    assert.deepEqual(labels, [
      'password of alice: alice-password',
      'Home PIN of Dana: 1234',
      'password of bob: bob-password',
      'two-factor code of bob: 123456',
      'password of carol: carol-password',
      'password of dave: dave-password',
    ]);
  });
});
