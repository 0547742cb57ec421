// The integration suite's entry point, loaded by the extension host (code-server or desktop VS
// Code through @vscode/test-electron): run() runs every compiled *.test.js beside this file.
import Mocha from 'mocha';
import { addTestFiles } from '../harness/mochaFiles';
import { suiteFinishedLine } from '../harness/suiteMarker';

export async function run(): Promise<void> {
  // Not a TTY in the extension host: colours would arrive as escape codes in the log.
  // PLEX_TEST_GREP (set by the runner's --grep) narrows the run to matching test titles.
  const grep = process.env.PLEX_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', timeout: 20_000, reporter: 'spec', color: false, ...(grep ? { grep } : {}) });
  // Sorted, so activation.test.js runs first on every host.
  addTestFiles(mocha, __dirname);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(suiteFinishedLine(failures));
  if (failures > 0) {
    throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
  }
}
