// The stand-in checks every exchange against the Plex specs as it serves it, in whichever process
// runs it (unit tests, the integration runner, the e2e runner, `npm start`): a finding that
// test/spec/deviations.ts does not list becomes a violation, which every suite asserts is absent.
// One violation per finding key, with the first exchange that showed it.
import { unlistedFindings } from '../spec/standInExchanges';
import { plexSpecs } from '../spec/specs';
import type { StandInWorld } from './world';

export async function monitorSpecConformance(world: StandInWorld): Promise<void> {
  const specs = await plexSpecs();
  const reported = new Set<string>();
  world.onExchange = (exchange) => {
    let findings;
    try {
      findings = unlistedFindings(specs, exchange);
    } catch (error) {
      world.addViolation(`spec: the check failed on ${exchange.method} ${exchange.pathname}: ${String(error)}`);
      return;
    }
    for (const finding of findings) {
      if (reported.has(finding.key)) continue;
      reported.add(finding.key);
      world.addViolation(`spec: ${finding.key} (${exchange.method} ${exchange.pathname} answered ${exchange.status}: ${finding.detail})`);
    }
  };
}
