// Issue 5, section 1: every user action crossed with every fault the stand-in can inject, in the
// real extension host. The results also go to PLEX_RELIABILITY_REPORT (set by the integration
// runner), from which test/harness/reliabilityReport.ts writes docs/reliability.md.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { setSetting } from './helpers';
import { ACTIONS } from './faultMatrix/actions';
import type { CaseResult, ReliabilityRun } from './faultMatrix/caseResult';
import { FAULTS } from './faultMatrix/faults';
import { runCase } from './faultMatrix/runCase';

suite('Fault matrix: every action under every fault', function () {
  this.timeout(30_000);
  const results: CaseResult[] = [];

  suiteSetup(async () => {
    // Copied tokens stay put: a pending clear from one case must not touch the next case's clipboard.
    await setSetting('clipboard.clearAfterSeconds', 0);
  });

  suiteTeardown(async () => {
    await setSetting('clipboard.clearAfterSeconds', undefined);
    await setSetting('jwt.enabled', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    writeReport(results);
  });

  for (const action of ACTIONS) {
    for (const fault of FAULTS) {
      const reason = fault.notApplicable?.(action);
      if (reason !== undefined) {
        results.push({ action: action.title, fault: fault.title, expected: 'not-applicable', passed: true, shown: [], note: reason, durationMs: 0 });
        continue;
      }
      test(`${action.title} × ${fault.title}`, async () => {
        const result = await runCase(action, fault);
        results.push(result);
        assert.ok(result.passed, result.note);
      });
    }
  }
});

/** Only a complete run makes a report: a --grep run would leave holes in the table. */
function writeReport(results: readonly CaseResult[]): void {
  const path = process.env.PLEX_RELIABILITY_REPORT;
  if (!path || results.length !== ACTIONS.length * FAULTS.length) {
    return;
  }
  const run: ReliabilityRun = {
    generatedAt: new Date().toISOString(),
    host: `${vscode.env.appName} ${vscode.version} (${vscode.env.appHost})`,
    actions: ACTIONS.map((action) => action.title),
    faults: FAULTS.map((fault) => fault.title),
    cases: [...results],
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(run, null, 2)}\n`);
}
