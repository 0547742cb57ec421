// What one fault-matrix case found, as written to PLEX_RELIABILITY_REPORT and turned into
// docs/reliability.md by test/harness/reliabilityReport.ts. Plain data: no vscode import.

/**
 * 'message': the expected failure, the expected message word for word, nothing lost;
 * 'unaffected': the action did its job despite the fault; 'quiet': a background look meets the
 * fault, fails with the expected failure, shows nothing, loses nothing, and its next look succeeds.
 */
export type Expectation = 'message' | 'unaffected' | 'quiet' | 'not-applicable';

export interface ShownMessageRecord {
  severity: 'info' | 'warn' | 'error';
  message: string;
  actions: string[];
}

export interface CaseResult {
  action: string;
  fault: string;
  expected: Expectation;
  /** The failure kind (src/plex/failure.ts) the log had to name, for 'message' and 'quiet' cases. */
  failure?: string;
  /** The message the user had to see, word for word with its buttons, for 'message' cases. */
  expectedMessage?: ShownMessageRecord;
  passed: boolean;
  /** Messages the user saw during the faulty run (none for not-applicable cases). */
  shown: ShownMessageRecord[];
  /** Why a case does not apply, what it checked besides, or why it failed. */
  note?: string;
  durationMs: number;
}

export interface ReliabilityRun {
  generatedAt: string;
  host: string;
  actions: string[];
  faults: string[];
  cases: CaseResult[];
}
