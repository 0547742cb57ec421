// The redaction helper: URLs, headers, JSON bodies, XML and error messages, by example and by
// property (no generated token survives, whatever surrounds it).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { redact, redactUrl } from '../../../src/plex/redact';

const TOKEN = 'CxoUzBTSV5hsxjTpFKaf';
const TRANSIENT = 'transient-3f2a9c1e-1b2c-4d5e-8f90-a1b2c3d4e5f6';

suite('redact', () => {
  test('URLs: the X-Plex-Token query value and any *token query value', () => {
    assert.equal(
      redact(`https://plex.tv/api/v2/user?X-Plex-Token=${TOKEN}&x=1`),
      'https://plex.tv/api/v2/user?X-Plex-Token=***&x=1',
    );
    assert.equal(redact(`http://h:32400/library?x=1&accessToken=${TOKEN}#f`), 'http://h:32400/library?x=1&accessToken=***#f');
    assert.equal(redact(`GET /a?x-plex-token=${TOKEN}`), 'GET /a?x-plex-token=***');
  });

  test('headers: X-Plex-Token in any case and spacing', () => {
    assert.equal(redact(`X-Plex-Token: ${TOKEN}`), 'X-Plex-Token: ***');
    assert.equal(redact(`x-plex-token:${TOKEN}\r\nAccept: application/json`), 'x-plex-token:***\r\nAccept: application/json');
    assert.equal(redact(`{"X-Plex-Token":"${TOKEN}","Accept":"application/json"}`), '{"X-Plex-Token":"***","Accept":"application/json"}');
    assert.equal(redact(`{ 'X-Plex-Token': '${TOKEN}' }`), "{ 'X-Plex-Token': '***' }");
  });

  test('JSON bodies: authToken, accessToken, token (and escaped quotes inside them)', () => {
    const body = JSON.stringify({
      id: 1,
      authToken: TOKEN,
      servers: [{ accessToken: 'Srv-Token_0123456789' }],
      MediaContainer: { token: 'weird"value\\with escapes' },
      services: [{ token: null }],
    });
    const redacted = redact(body);
    assert.equal(
      redacted,
      '{"id":1,"authToken":"***","servers":[{"accessToken":"***"}],"MediaContainer":{"token":"***"},"services":[{"token":null}]}',
    );
    assert.doesNotThrow(() => JSON.parse(redacted));
    assert.equal(redact(`{ "authToken" : "${TOKEN}" }`), '{ "authToken" : "***" }');
  });

  test('JSON logged inside a JSON string, and a body cut off mid-token', () => {
    assert.equal(redact(`{"body":"{\\"authToken\\":\\"${TOKEN}\\"}"}`), '{"body":"{\\"authToken\\":\\"***\\"}"}');
    assert.equal(redact(`{"authToken":"${TOKEN.slice(0, 9)}`), '{"authToken":"***');
  });

  test('XML attributes: token="..." and accessToken="..."', () => {
    assert.equal(
      redact(`<MediaContainer size="0" token="${TRANSIENT}"/>`),
      '<MediaContainer size="0" token="***"/>',
    );
    assert.equal(
      redact(`<Device name="x" accessToken="${TOKEN}" clientIdentifier="abc"/>`),
      '<Device name="x" accessToken="***" clientIdentifier="abc"/>',
    );
    assert.equal(redact(`<user authToken='${TOKEN}'/>`), "<user authToken='***'/>");
  });

  test('transient tokens anywhere', () => {
    assert.equal(redact(`copied ${TRANSIENT} to the clipboard`), 'copied *** to the clipboard');
  });

  test('error messages and stacks', () => {
    const error = new Error(`request to https://plex.tv/api/v2/user?X-Plex-Token=${TOKEN} failed, body {"authToken":"${TOKEN}"}`);
    const redacted = redact(`${error.name}: ${error.message}\n${error.stack ?? ''}`);
    assert.ok(!redacted.includes(TOKEN));
  });

  test('leaves ordinary text alone', () => {
    const text = 'GET https://plex.tv/api/v2/resources 200 31 ms (attempt 2); tokens: 3; /security/token?type=delegation';
    assert.equal(redact(text), text);
  });

  test('redactUrl keeps origin and path only', () => {
    assert.equal(redactUrl(`https://user:pw@plex.tv:443/api/v2/pins/12?X-Plex-Token=${TOKEN}#x`), 'https://plex.tv/api/v2/pins/12');
    assert.equal(redactUrl(`http://127.0.0.1:32400/security/token?type=delegation&scope=all`), 'http://127.0.0.1:32400/security/token');
    assert.equal(redactUrl(`not a url?X-Plex-Token=${TOKEN}`), 'not a url');
    assert.equal(redactUrl(`http://h/${TRANSIENT}/x`), 'http://h/***/x');
  });

  test('stays fast on long hostile input', () => {
    const started = Date.now();
    redact('a-'.repeat(200_000) + '"'.repeat(10_000) + 'token='.repeat(10_000));
    assert.ok(Date.now() - started < 2000);
  });

  suite('properties', () => {
    // Plex account tokens are 20 characters of [A-Za-z0-9_-]; JWTs add '.'; be generous.
    const tokenArbitrary = fc.stringMatching(/^[A-Za-z0-9_.~-]{8,64}$/);
    const transientArbitrary = fc.uuid().map((uuid) => `transient-${uuid}`);
    const contexts: ((token: string) => string)[] = [
      (token) => `X-Plex-Token: ${token}`,
      (token) => `x-plex-token=${token}`,
      (token) => `https://plex.tv/api/v2/user?a=1&X-Plex-Token=${token}&b=2`,
      (token) => JSON.stringify({ authToken: token }),
      (token) => JSON.stringify({ MediaContainer: { token } }),
      (token) => JSON.stringify([{ name: 'x', accessToken: token }], null, 2),
      (token) => JSON.stringify({ headers: { 'X-Plex-Token': token } }),
      (token) => `<MediaContainer token="${token}"/>`,
      (token) => `<Device accessToken="${token}" name="n"/>`,
    ];

    test('no generated token survives in any context, whatever text surrounds it', () => {
      fc.assert(
        fc.property(
          fc.oneof(tokenArbitrary, transientArbitrary),
          fc.integer({ min: 0, max: contexts.length - 1 }),
          fc.string(),
          fc.string(),
          (token, contextIndex, before, after) => {
            fc.pre(!before.includes(token) && !after.includes(token));
            const context = contexts[contextIndex] ?? contexts[0];
            const text = `${before} ${context?.(token) ?? ''} ${after}`;
            assert.ok(!redact(text).includes(token), `leaked from: ${context?.('TOKEN') ?? ''}`);
          },
        ),
        { numRuns: 500 },
      );
    });

    test('transient tokens are masked in arbitrary text', () => {
      fc.assert(
        fc.property(fc.string(), transientArbitrary, fc.string(), (before, token, after) => {
          fc.pre(!before.includes(token) && !after.includes(token));
          assert.ok(!redact(`${before}${token}${after}`).includes(token.slice('transient-'.length)));
        }),
      );
    });

    test('redact is idempotent and never throws', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (text) => {
          const once = redact(text);
          assert.equal(redact(once), once);
        }),
      );
    });
  });
});
