// The line the integration suite's run() prints when mocha has finished. The workbench reports
// exit code 0 also when the extension host dies mid-suite (seen with code-server 4.100.3), so the
// runner counts a run as passed only when this line arrived too.
export const suiteFinishedMarker = 'plex-integration-suite-finished';

export function suiteFinishedLine(failures: number): string {
  return `${suiteFinishedMarker} failures=${failures}`;
}

/** The failure count from a log line, or undefined when the line is not the marker. */
export function parseSuiteFinished(line: string): number | undefined {
  const match = new RegExp(`^${suiteFinishedMarker} failures=(\\d+)$`).exec(line.trim());
  return match === null ? undefined : Number(match[1]);
}
