// The stand-in's clock: real time plus an offset that tests move forward (nonce life, JWT expiry)
// instead of waiting. It only ever moves forward, as time does.
export class StandInClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('the clock only moves forward: ms must be a non-negative number');
    this.offsetMs += ms;
  }

  offset(): number {
    return this.offsetMs;
  }
}
