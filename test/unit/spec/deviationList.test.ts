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
});
