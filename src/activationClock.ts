// Benchmark probe for `npm run bench` (issue 6): the extension's own activation cost, i.e. the
// time its code runs from the bundle starting to load to activate() resolving, without the waits
// in between (the host loading the extension's context, the secret read's round trip to the
// workbench). extension.ts imports this module first, so esbuild places it before every other
// module of the bundle. A few performance.now() calls: no cost worth measuring.
let spentMs = 0;
let runningSince: number | undefined = performance.now();

function pause(): void {
  if (runningSince !== undefined) {
    spentMs += performance.now() - runningSince;
    runningSince = undefined;
  }
}

function resume(): void {
  runningSince ??= performance.now();
}

export const activationClock = {
  /** Before a wait (and once the bundle has loaded: the host calls activate() when it is ready). */
  pause,
  /** When activate() starts, and after a wait. Resumed in activate() itself, not in a callback, so
   * other extensions' code running between the wait ending and activate() continuing is not counted. */
  resume,
  /** Stops the clock for good; ms the extension's own code ran. */
  stop(): number {
    pause();
    return spentMs;
  },
};
