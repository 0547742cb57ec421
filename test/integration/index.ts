// The integration suite's entry point, loaded by the extension host (code-server or desktop VS
// Code through @vscode/test-electron): run() runs every compiled *.test.js beside this file.
// Each file's suite starts from a reset stand-in and ends with a check of the stand-in's
// violations (protocol and spec); files run in any order, except the two with a role.
import Mocha from 'mocha';
import { aroundEachTopLevelSuite, addTestFiles, type FileRoles } from '../harness/mochaFiles';
import { suiteFinishedLine } from '../harness/suiteMarker';
import { StandInControl } from '../standin/controlClient';

const ROLES: FileRoles = {
  // Checks that activation made no request: nothing may run before it.
  first: 'activation.test.js',
  // Deactivates the extension, which nothing can activate again in this host.
  last: 'deactivation.test.js',
};

/** The violations the stand-in reported since the previous call. */
function violationReader(control: StandInControl): () => Promise<string[]> {
  let seen = 0;
  return async () => {
    const all = await control.violations();
    // A test that cleared the list after checking what it provoked: what is there now is new.
    const fresh = all.slice(all.length < seen ? 0 : seen);
    seen = all.length;
    return fresh;
  };
}

export async function run(): Promise<void> {
  // Not a TTY in the extension host: colours would arrive as escape codes in the log.
  // PLEX_TEST_GREP (set by the runner's --grep) narrows the run to matching test titles;
  // PLEX_TEST_ORDER (the runner's --order) runs the files without a role in another order.
  const grep = process.env.PLEX_TEST_GREP;
  const order = process.env.PLEX_TEST_ORDER ?? 'sorted';
  const url = process.env.PLEX_STANDIN_URL;
  if (url === undefined) throw new Error('PLEX_STANDIN_URL is not set: run the suite through the test runner');
  const control = new StandInControl(url);
  const newViolations = violationReader(control);
  const assertNoNewViolations = async (): Promise<void> => {
    const fresh = await newViolations();
    if (fresh.length > 0) throw new Error(`the stand-in reported ${fresh.length} violation(s):\n  ${fresh.join('\n  ')}`);
  };

  const mocha = new Mocha({ ui: 'tdd', timeout: 20_000, reporter: 'spec', color: false, ...(grep ? { grep } : {}) });
  aroundEachTopLevelSuite(mocha, {
    before: { title: 'reset the stand-in', run: () => control.reset() },
    after: { title: 'no stand-in violations', run: assertNoNewViolations },
  });
  // What a suite's own teardown did is checked by the next suite's hook, and the last one's here.
  mocha.suite.afterAll('no stand-in violations after the last suite', assertNoNewViolations);
  const files = addTestFiles(mocha, __dirname, ROLES, order);
  if (order !== 'sorted') console.log(`Test files in ${order} order: ${files.join(', ')}`);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(suiteFinishedLine(failures));
  if (failures > 0) {
    throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
  }
}
