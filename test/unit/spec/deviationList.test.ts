// docs/spec-deviations.md and test/spec/deviations.ts describe the same deviations: the doc has a
// row for every listed id, and lists no id the checks do not know.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_DEVIATIONS } from '../../spec/deviations';

function documentedIds(): string[] {
  const doc = readFileSync(join(process.cwd(), 'docs', 'spec-deviations.md'), 'utf8');
  return [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1] ?? '');
}

suite('Spec deviation list', () => {
  test('the doc has one row per listed deviation, and no other', () => {
    assert.deepEqual([...documentedIds()].sort(), SPEC_DEVIATIONS.map((deviation) => deviation.id).sort());
  });

  test('ids are unique and each finding key belongs to one deviation', () => {
    const ids = SPEC_DEVIATIONS.map((deviation) => deviation.id);
    assert.equal(new Set(ids).size, ids.length);
    const keys = SPEC_DEVIATIONS.flatMap((deviation) => deviation.keys);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(SPEC_DEVIATIONS.every((deviation) => deviation.keys.length > 0));
  });

  test('each deviation says why, and each key names one route (method and path) and what of it differs', () => {
    for (const deviation of SPEC_DEVIATIONS) {
      assert.ok(deviation.reason.trim().length > 20, `${deviation.id} says why`);
      for (const key of deviation.keys) {
        // `[clients.plex.tv] <kind> METHOD /path [field...]`: never a field without its route.
        assert.match(key, /^(clients\.plex\.tv )?(status|response|request|route|method|error) (GET|POST|PUT|DELETE|PATCH) \/\S*/, `${deviation.id}: ${key}`);
      }
    }
  });
});
