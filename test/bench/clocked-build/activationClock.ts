// The clock of the bench's Plex build (see ./extension.ts): ms the extension's own code ran. The
// entry imports this module first, so esbuild places it before every other module of the bundle
// and the clock starts as the bundle starts to load. A few performance.now() calls: no cost worth
// measuring.
let spentMs = 0;
let runningSince: number | undefined = performance.now();

export const activationClock = {
  /** Before a wait (and once the bundle has loaded: the host calls activate() when it is ready). */
  pause(): void {
    if (runningSince !== undefined) {
      spentMs += performance.now() - runningSince;
      runningSince = undefined;
    }
  },
  /** When activate() starts, and when a wait ends. */
  resume(): void {
    runningSince ??= performance.now();
  },
  /** Stops the clock for good; ms the extension's own code ran. */
  stop(): number {
    this.pause();
    return spentMs;
  },
};
