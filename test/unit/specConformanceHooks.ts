// Mocha root hook (see .mocharc.json): every stand-in checks each exchange against the Plex specs
// as it serves it (test/standin/specMonitor.ts) and reports what test/spec/deviations.ts does not
// list as a violation starting with "spec:". Unit tests assert their stand-in's violations where
// they expect none; this hook makes sure none escapes a test that did not look: at the end of the
// run, a spec violation of any stand-in the run started fails it.
import { redact } from '../../src/plex/redact';
import { ViolationWatch } from '../standin/startedStandIns';

const watch = new ViolationWatch();

export const mochaHooks = {
  afterAll(): void {
    const spec = [...new Set(watch.takeNew().filter((violation) => violation.startsWith('spec: ')))];
    if (spec.length > 0) {
      throw new Error(redact(`${spec.length} spec finding(s) of the stand-ins' exchanges are not in test/spec/deviations.ts:\n  ${spec.join('\n  ')}`));
    }
  },
};
