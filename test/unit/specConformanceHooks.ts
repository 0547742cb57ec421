// Mocha root hooks (see .mocharc.json): while the unit suite runs, every exchange any stand-in
// completes is recorded; at the end each answer that no fault shaped, and each request the service
// layer sent, is checked against the Plex specs. A finding not in test/spec/deviations.ts fails the run.
import { redact } from '../../src/plex/redact';
import { checkExchange } from '../spec/conformance';
import { deviationFor } from '../spec/deviations';
import { plexSpecs } from '../spec/specs';
import { conformanceExchange, recordExchanges, sentByServiceLayer, type ExchangeRecorder } from '../spec/standInExchanges';

let recorder: ExchangeRecorder | undefined;

export const mochaHooks = {
  beforeAll(): void {
    recorder = recordExchanges();
  },
  async afterAll(): Promise<void> {
    if (recorder === undefined) return;
    recorder.stop();
    const specs = await plexSpecs();
    const unlisted = new Map<string, string>();
    let checked = 0;
    for (const exchange of recorder.exchanges) {
      if (exchange.faulted) continue;
      checked += 1;
      const verdict = checkExchange(specs, conformanceExchange(exchange), sentByServiceLayer(exchange));
      for (const finding of verdict.findings) {
        if (deviationFor(finding.key) === undefined && !unlisted.has(finding.key)) {
          unlisted.set(finding.key, `${exchange.method} ${exchange.pathname} ${exchange.status}: ${finding.detail}`);
        }
      }
    }
    if (unlisted.size > 0) {
      const lines = [...unlisted].map(([key, example]) => `  ${key}\n    e.g. ${example}`);
      throw new Error(redact(`${unlisted.size} spec finding(s) of the ${checked} stand-in exchanges checked are not in test/spec/deviations.ts:\n${lines.join('\n')}`));
    }
  },
};
