// Timing of one decoder call in CPU time (this process's, user and system), which other
// processes on a busy machine disturb far less than wall-clock time. Each call runs under a hard
// wall-clock cap: vm's watchdog interrupts whatever the call is doing (a backtracking regex
// included), so a decoder that would run for minutes fails the test in seconds instead of hanging it.
import * as vm from 'node:vm';
import { isPlexError } from '../../../../src/plex/index';

const sandbox: { run: () => void } = { run: () => undefined };
const context = vm.createContext(sandbox);
const script = new vm.Script('run()');

/** CPU milliseconds one call took; Infinity when it ran past `capMs` of wall-clock time. A refusal (a PlexError) is an outcome like any other. */
export function timeOnce(run: () => void, capMs: number): number {
  sandbox.run = () => {
    try {
      run();
    } catch (error) {
      if (!isPlexError(error)) throw error;
    }
  };
  const started = process.cpuUsage();
  try {
    script.runInContext(context, { timeout: Math.max(1, Math.ceil(capMs)) });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return Number.POSITIVE_INFINITY;
    throw error;
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** The fastest of `runs` calls: the least disturbed by other processes and the garbage collector. */
export function bestOf(run: () => void, runs: number, capMs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let index = 0; index < runs; index++) best = Math.min(best, timeOnce(run, capMs));
  return best;
}

/** Like bestOf, but stops at the first call within `limitMs` and after a call that hit the cap. */
export function bestWithin(run: () => void, limitMs: number, runs: number, capMs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let index = 0; index < runs && best > limitMs; index++) {
    const took = timeOnce(run, capMs);
    best = Math.min(best, took);
    if (took === Number.POSITIVE_INFINITY) break;
  }
  return best;
}
