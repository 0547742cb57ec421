// What the stand-in's request log says about one task: how many requests the extension made (by
// route), and how long the stand-in spent serving them.
import type { StandIn, StandInLogEntry } from '../standin/types';
import { waitFor } from '../harness/waitFor';

export interface TaskRequests {
  count: number;
  /** e.g. ["POST pins.create", "GET user"], in order. */
  routes: string[];
}

/** The approval page is the browser's, not the extension's; polls are counted apart. */
function isExtensionRequest(entry: StandInLogEntry): boolean {
  return entry.host !== 'auth' && entry.route !== 'auth-page';
}

/** The browser sign-in's PIN polls, classic and JWT. */
const pollRoutes: ReadonlySet<string> = new Set(['pins.check', 'jwt.pins.check']);

export function taskRequests(entries: readonly StandInLogEntry[], options: { excludePolls?: boolean } = {}): TaskRequests {
  const counted = entries.filter((entry) => isExtensionRequest(entry) && !(options.excludePolls === true && pollRoutes.has(entry.route)));
  return { count: counted.length, routes: counted.map((entry) => `${entry.method} ${entry.route}`) };
}

/** Time the stand-in spent serving, overlapping requests counted once. */
export function servingMs(entries: readonly StandInLogEntry[]): number {
  const intervals = entries
    .filter(isExtensionRequest)
    .map((entry) => [entry.time, entry.time + entry.durationMs] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of intervals) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/**
 * Waits until every logged request has been answered and none arrived for `quietMs`, so a task's
 * count includes requests the extension makes after the UI has updated.
 */
export async function settledLog(standIn: StandIn, quietMs = 400): Promise<StandInLogEntry[]> {
  let last = standIn.log();
  let quietSince = Date.now();
  return waitFor(
    () => {
      const now = standIn.log();
      if (now.length !== last.length || now.some((entry) => entry.status === 0)) {
        last = now;
        quietSince = Date.now();
        return undefined;
      }
      return Date.now() - quietSince >= quietMs ? now : undefined;
    },
    { description: 'the stand-in to go quiet', timeoutMs: 30_000, intervalMs: 50 },
  );
}
