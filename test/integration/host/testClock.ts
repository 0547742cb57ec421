import type { Clock } from '../../../src/hostPort';

interface Timer {
  readonly due: number;
  readonly run: () => void;
  readonly handle: ReturnType<typeof setTimeout>;
}

/**
 * The extension's clock in the integration tests: real time plus an offset the tests move forward.
 * Its timers also run at their real time, so a test that never moves the clock sees the
 * workbench's behaviour.
 */
export class TestClock implements Clock {
  private offsetMs = 0;
  private readonly timers = new Set<Timer>();

  readonly now = (): number => Date.now() + this.offsetMs;

  readonly setTimeout = (run: () => void, ms: number): { dispose(): void } => {
    const timer: Timer = { due: this.now() + ms, run, handle: setTimeout(() => this.fire(timer), ms) };
    this.timers.add(timer);
    return { dispose: () => this.cancel(timer) };
  };

  /** Timers set and neither run nor cancelled. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves the time `ms` forward: now() reads later, and every timer now due runs, earliest first. */
  advance(ms: number): void {
    this.offsetMs += ms;
    const now = this.now();
    [...this.timers].filter((timer) => timer.due <= now).sort((a, b) => a.due - b.due).forEach((timer) => this.fire(timer));
  }

  /** Back to real time; pending timers keep their real-time deadlines. */
  reset(): void {
    this.offsetMs = 0;
  }

  private fire(timer: Timer): void {
    if (this.cancel(timer)) {
      timer.run();
    }
  }

  private cancel(timer: Timer): boolean {
    clearTimeout(timer.handle);
    return this.timers.delete(timer);
  }
}
