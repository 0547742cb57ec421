// A CPU profile of the extension host, taken from inside it (node:inspector), for `npm run bench
// -- --profile`: where activation and the timed actions spend their time. Open the saved
// .cpuprofile files in Chrome DevTools or VS Code, or summarize them with test/bench/profileSummary.ts.
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Sampling interval in microseconds: fine enough to see a few-millisecond activation. */
const samplingIntervalUs = 100;

export class ExtensionHostProfiler {
  private session: Session | undefined;

  async start(): Promise<void> {
    if (this.session !== undefined) {
      return;
    }
    const session = new Session();
    session.connect();
    this.session = session;
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    await session.post('Profiler.start');
  }

  /** Stops profiling and writes the profile to `file` (whole, then renamed). */
  async save(file: string): Promise<void> {
    const session = this.session;
    if (session === undefined) {
      throw new Error('The profiler is not running');
    }
    this.session = undefined;
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    writeFileSync(`${file}.tmp`, JSON.stringify(profile));
    renameSync(`${file}.tmp`, file);
  }
}
