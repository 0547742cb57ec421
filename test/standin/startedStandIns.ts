// Every stand-in this process started, closed ones included, so a root hook can ask each for its
// violations after every suite (the e2e runner: each e2e suite starts its own). On globalThis,
// not in a module variable, because each test file is bundled with its own copy of the stand-in.
export interface StartedStandIn {
  readonly plexTvUrl: string;
  /** The stand-in's own list: appended to, and replaced by a new one when a test clears it. */
  violationRecord(): readonly string[];
}

const STARTED = Symbol.for('plex-vscode.standin.started');

function started(): StartedStandIn[] {
  const holder = globalThis as { [STARTED]?: StartedStandIn[] };
  holder[STARTED] ??= [];
  return holder[STARTED];
}

export function recordStartedStandIn(standIn: StartedStandIn): void {
  started().push(standIn);
}

/** Reads the violations each stand-in reported since the previous call. */
export class ViolationWatch {
  private readonly seen = new Map<StartedStandIn, { record: readonly string[]; count: number }>();

  /** How many stand-ins the last takeNew() asked. */
  get checked(): number {
    return this.seen.size;
  }

  takeNew(): string[] {
    const fresh: string[] = [];
    for (const standIn of started()) {
      const record = standIn.violationRecord();
      const seen = this.seen.get(standIn);
      fresh.push(...record.slice(seen?.record === record ? seen.count : 0));
      this.seen.set(standIn, { record, count: record.length });
    }
    return fresh;
  }
}
