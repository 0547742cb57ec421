// What the extension's "Plex" log says about one case: the failure kinds it names and anything
// unexpected. Every logged error names its failure kind, `PlexNetworkError (network): ...`, and
// every failed request too, `GET <url> (network) ...`; an error that is not a failure of the one
// failure model (src/plex/failure.ts), a TypeError say, is logged as `(unexpected)` (src/log.ts).
import type { MatrixContext } from './context';

const UNEXPECTED = /\(unexpected\)/;
const WAIT_MS = 5000;

/** The log's lines since the case began. */
export async function caseLog(context: MatrixContext): Promise<string> {
  return (await context.api.testing.logText()).slice(context.logStart);
}

/**
 * The case's log once it names `failure` or something unexpected (the file is written a moment
 * after the line is logged), or as it is after a few seconds.
 */
export async function caseLogNaming(context: MatrixContext, failure: string | undefined): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const text = await caseLog(context);
    const found = failure === undefined || text.includes(`(${failure})`) || UNEXPECTED.test(text);
    if (found || Date.now() > deadline) {
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function namesFailure(log: string, failure: string): boolean {
  return log.includes(`(${failure})`);
}

/** Lines that log an error outside the failure model: a bug met during the case. */
export function unexpectedLines(log: string): string[] {
  return log.split(/\r?\n/).filter((line) => UNEXPECTED.test(line));
}
