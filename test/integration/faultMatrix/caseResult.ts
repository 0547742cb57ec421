// What one fault-matrix case found, as written to PLEX_RELIABILITY_REPORT and turned into
// docs/reliability.md by test/harness/reliabilityReport.ts. Plain data: no vscode import.

/**
 * 'message': one clear message, nothing lost; 'unaffected': the action worked despite the fault;
 * 'quiet': a background action shows nothing, loses nothing, and tries again later.
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
