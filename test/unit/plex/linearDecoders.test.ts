// Everything a server sends may be hostile: each decoder, fed hostile bodies up to its route's
// body cap, finishes within 3x the time it takes for a benign body of the same size, both
// measured in this run: CPU time, the fastest of a few calls each, with a small floor for tiny timings.
import * as assert from 'node:assert/strict';
import { DECODERS } from './linear/decoders';
import { bestOf, bestWithin } from './linear/timing';

const FACTOR = 3;
/**
 * Below this, timings are mostly noise (a GC pause over a 1 MiB body's garbage, another process):
 * nothing is called slow under it. Super-linear work on a 1 MiB body takes seconds, far above it.
 */
const FLOOR_MS = 200;
const RUNS = 3;
/**
 * A hostile call is stopped after this much wall-clock time: far above any limit (CPU time on a
 * machine shared by many processes passes slower than the wall clock), far below a hung suite.
 */
function capMs(limitMs: number): number {
  return Math.max(40 * limitMs, 5_000);
}

function ms(value: number): string {
  return value === Number.POSITIVE_INFINITY ? 'did not finish' : `${value.toFixed(1)} ms`;
}

suite('Decoders of server answers run in linear time', () => {
  for (const decoder of DECODERS) {
    test(`${decoder.name}: hostile bodies up to ${decoder.capBytes / 1024} KiB take at most ${FACTOR}x a benign body's time`, function () {
      this.timeout(120_000);
      const benignMs = new Map<number, number>();
      const rows: string[] = [];
      const slow: string[] = [];
      for (const hostile of decoder.hostile) {
        const body = hostile.body(decoder.capBytes);
        assert.ok(body.length <= decoder.capBytes, `${hostile.name}: ${body.length} characters, above the cap`);
        // Bodies within a KiB of each other count as the same size: one benign measure serves them all.
        const sizeKiB = Math.ceil(body.length / 1024);
        let benignTime = benignMs.get(sizeKiB);
        if (benignTime === undefined) {
          const text = decoder.benign(body.length);
          assert.equal(text.length, body.length, "the benign body has the hostile one's size");
          assert.doesNotThrow(() => decoder.run(text), 'the benign body decodes');
          benignTime = bestOf(() => decoder.run(text), RUNS, 60_000);
          benignMs.set(sizeKiB, benignTime);
        }
        const limit = Math.max(FACTOR * benignTime, FLOOR_MS);
        const took = bestWithin(() => decoder.run(body), limit, RUNS, capMs(limit));
        const row = `${hostile.name} (${body.length} B): ${ms(took)}; limit ${ms(limit)}, benign ${ms(benignTime)}`;
        rows.push(row);
        if (took > limit) slow.push(row);
      }
      if (process.env['PLEX_TIMING_REPORT'] !== undefined) console.log(`${decoder.name}\n  ${rows.join('\n  ')}`);
      assert.deepEqual(slow, [], `slower than ${FACTOR}x a benign body:\n${slow.join('\n')}`);
    });
  }
});
