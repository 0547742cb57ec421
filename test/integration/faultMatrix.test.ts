// Every user action crossed with every fault the stand-in can inject, in the real extension host,
// each case checked against the failure and message it must end in (faultMatrix/expectations.ts).
// The results also go to PLEX_RELIABILITY_REPORT (set by the integration runner), from which
// test/harness/reliabilityReport.ts writes docs/reliability.md.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { setSetting } from './helpers';
import { ACTIONS, actionById, type MatrixAction } from './faultMatrix/actions';
import type { CaseResult, ReliabilityRun } from './faultMatrix/caseResult';
import { expectedOutcome } from './faultMatrix/expectations';
import { FAULTS, faultById, type FaultId } from './faultMatrix/faults';
import { runCase } from './faultMatrix/runCase';
import { closeMatrixReceiver } from './faultMatrix/webhookActions';

suite('Fault matrix: every action under every fault that can meet it', function () {
  this.timeout(30_000);
  const results: CaseResult[] = [];

  suiteSetup(setUpMatrix);
  suiteTeardown(async () => {
    await tearDownMatrix();
    writeReport(results);
  });

  for (const action of ACTIONS) {
    for (const fault of FAULTS) {
      const outcome = expectedOutcome(action, fault);
      if (outcome.expected === 'not-applicable') {
        results.push({ action: action.title, fault: fault.title, expected: 'not-applicable', passed: true, shown: [], note: outcome.reason, durationMs: 0 });
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

suite('Fault matrix: the case checker', function () {
  this.timeout(60_000);
  suiteSetup(setUpMatrix);
  suiteTeardown(tearDownMatrix);

  const GENERIC = { severity: 'error', message: 'Something went wrong talking to Plex. The log has the details.', actions: ['Show Log'] };

  test('fails each case of an action that meets a TypeError inside the extension, where the user sees only the catch-all message', async () => {
    const intact = actionById('token');
    const faults: FaultId[] = ['status500', 'timeout', 'tokenRevoked'];
    for (const fault of faults.map(faultById)) {
      const broken = withPlantedTypeError(intact);
      const result = await runCase(broken, fault);
      assert.equal(result.passed, false, `${broken.title} × ${fault.title} passed`);
      // What the extension does with the bug: the catch-all message with Show Log, signed out as before.
      assert.deepEqual(result.shown, [GENERIC], `${fault.title}: what the user saw`);
      assert.match(result.note ?? '', /^an unexpected error: the message "Something went wrong talking to Plex\./, `${fault.title}: why it failed`);
      assert.match(result.note ?? '', /TypeError \(unexpected\): Cannot read properties of undefined/, `${fault.title}: the log names the bug`);
    }
    // The same action without the bug passes under the same fault.
    const control = await runCase(intact, faultById('status500'));
    assert.ok(control.passed, control.note);
  });
});

/** The action with a bug planted in its first run (the faulted one): the extension's question for a token throws a TypeError. */
function withPlantedTypeError(action: MatrixAction): MatrixAction {
  let planted = false;
  return {
    ...action,
    title: `${action.title} (with a planted TypeError)`,
    script: async (context) => {
      await action.script(context);
      if (!planted) {
        planted = true;
        context.ui.plantedError = new TypeError("Cannot read properties of undefined (reading 'token')");
      }
    },
  };
}

async function setUpMatrix(): Promise<void> {
  // Copied tokens stay put: a pending clear from one case must not touch the next case's clipboard.
  await setSetting('clipboard.clearAfterSeconds', 0);
}

async function tearDownMatrix(): Promise<void> {
  await closeMatrixReceiver();
  await setSetting('clipboard.clearAfterSeconds', undefined);
  await setSetting('jwt.enabled', undefined);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

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
