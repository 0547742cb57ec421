// What the probe extension (probe-extension/) writes for the bench runner, as JSON files in the
// folder named by PLEX_BENCH_REPORT_DIR: activation.json once per extension host, heap.json on
// each "Plex Bench: Record Heap", upkeep.json on each "Plex Bench: Token Upkeep Look".

export const reportDirVariable = 'PLEX_BENCH_REPORT_DIR';
export const activationReportFile = 'activation.json';
export const heapReportFile = 'heap.json';
export const upkeepReportFile = 'upkeep.json';
/** Set to 1 to profile the extension host from the probe's activation (npm run bench -- --profile). */
export const profileVariable = 'PLEX_BENCH_PROFILE';
/** Where "Plex Bench: Save Profile" writes the CPU profile. */
export const profileFile = 'profile.cpuprofile';

export interface ActivationReport {
  /** Extension host heap (bytes, after a full GC) when the probe activated: before onStartupFinished. */
  heapBeforeActivation: number;
  /** The same once Plex, the empty extension and GitHub Authentication had activated. */
  heapAfterActivation: number;
  /** Plex's own figure: ms from its bundle starting to load to activate() resolving. */
  plexActivationTimeMs: number | undefined;
  /** Secret keys Plex read from its bundle loading to activate() resolving (the clocked build's record). */
  plexSecretKeysRead: string[] | undefined;
  /** Whether the silent GitHub session request returned (undefined session is fine); else why not. */
  githubSessionRequest: 'answered' | string;
  /** The extension host's own performance marks (code/extHost/...), for profiling activation. */
  extHostMarks: { name: string; startTime: number }[];
}

export interface HeapReport {
  heapUsed: number;
}

export interface UpkeepReport {
  /** What Plex's look answered: src/auth/tokenUpkeep.ts's UpkeepOutcome or jwtRenewal.ts's RenewalOutcome. */
  outcome: string;
}
