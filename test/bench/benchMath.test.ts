// The bench's arithmetic: medians, serving time with overlapping requests, request counting.
// Run with: npm run build:tests && npx mocha --ui tdd out/test/bench/benchMath.test.js
import * as assert from 'node:assert/strict';
import type { StandInLogEntry } from '../standin/types';
import { servingMs, taskRequests } from './requests';
import { summarize } from './stats';

function entry(route: StandInLogEntry['route'], time: number, durationMs: number, host = 'plex.tv'): StandInLogEntry {
  return { time, host, route, method: 'GET', path: '/', headers: {}, status: 200, durationMs };
}

suite('bench arithmetic', () => {
  test('summarize: median of odd and even counts, min, max, n; nothing for no samples', () => {
    assert.deepEqual(summarize([5, 1, 3]), { median: 3, min: 1, max: 5, n: 3 });
    assert.deepEqual(summarize([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4, n: 4 });
    assert.equal(summarize([]), undefined);
  });

  test('servingMs counts overlapping requests once and ignores the approval page', () => {
    const entries = [entry('user', 100, 10), entry('resources', 105, 10), entry('pms.transientToken', 200, 5), entry('auth-page', 0, 1000, 'auth')];
    assert.equal(servingMs(entries), 15 + 5);
  });

  test('taskRequests leaves out the approval page, and PIN polls when asked', () => {
    const entries = [entry('pins.create', 0, 1), entry('pins.check', 1, 1), entry('auth-page', 2, 1, 'auth'), entry('user', 3, 1)];
    assert.deepEqual(taskRequests(entries, { excludePolls: true }), { count: 2, routes: ['GET pins.create', 'GET user'] });
    assert.equal(taskRequests(entries).count, 3);
  });
});
