// The integration suite's entry point, loaded by the extension host (code-server or desktop VS
// Code through @vscode/test-electron): run() runs every compiled *.test.js beside this file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { suiteFinishedLine } from '../harness/suiteMarker';

export async function run(): Promise<void> {
  // Not a TTY in the extension host: colours would arrive as escape codes in the log.
  // PLEX_TEST_GREP (set by the runner's --grep) narrows the run to matching test titles.
  const grep = process.env.PLEX_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', timeout: 20_000, reporter: 'spec', color: false, ...(grep ? { grep } : {}) });
  // Sorted so the order is the same on every host (activation.test.js relies on running first).
  const files = readdirSync(__dirname, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) {
    mocha.addFile(join(__dirname, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(suiteFinishedLine(failures));
  if (failures > 0) {
    throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
  }
}
