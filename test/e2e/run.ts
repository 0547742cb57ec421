// `npm run test:e2e`: packages the extension (vsce), installs the .vsix into a temp extensions
// dir with code-server's CLI, then runs every out/test/e2e/**/*.test.js with mocha. Each suite
// starts its own stand-in, code-server and Chromium (see workbench.ts): a fresh stand-in is the
// known state each suite starts from. After each suite, every stand-in this process started must
// have reported no violation (protocol or spec: the stand-in checks each exchange as it serves it).
// `-- --grep <text>` runs only matching tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Mocha from 'mocha';
import { disposeOnInterrupt } from '../harness/cleanup';
import { ensureCodeServer } from '../harness/codeServerInstall';
import { installExtension } from '../harness/codeServer';
import { addTestFiles, aroundEachTopLevelSuite } from '../harness/mochaFiles';
import { ViolationWatch } from '../standin/startedStandIns';
import { packageExtension } from '../harness/vsix';
import { extensionsDirVariable } from './workbench';

function grepArgument(args: string[]): string | undefined {
  const index = args.indexOf('--grep');
  return index === -1 ? undefined : args[index + 1];
}

async function main(): Promise<number> {
  await ensureCodeServer();
  const started = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'plex-vscode-e2e-'));
  disposeOnInterrupt(() => rmSync(root, { recursive: true, force: true }));
  try {
    const vsix = await packageExtension(join(root, 'plex-vscode.vsix'));
    const extensionsDir = join(root, 'extensions');
    await installExtension(vsix, extensionsDir);
    console.log(`Packaged and installed the extension in ${Math.round((Date.now() - started) / 1000)} s`);
    process.env[extensionsDirVariable] = extensionsDir;

    const grep = grepArgument(process.argv.slice(2));
    const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, reporter: 'spec', ...(grep === undefined ? {} : { grep }) });
    const watch = new ViolationWatch();
    const assertNoNewViolations = (): Promise<void> => {
      const fresh = watch.takeNew();
      if (fresh.length === 0) {
        console.log(`    (stand-in violations checked: none, ${watch.checked} stand-in(s) so far)`);
        return Promise.resolve();
      }
      return Promise.reject(new Error(`the stand-in reported ${fresh.length} violation(s):\n  ${fresh.join('\n  ')}`));
    };
    aroundEachTopLevelSuite(mocha, { after: { title: 'no stand-in violations', run: assertNoNewViolations } });
    mocha.suite.afterAll('no stand-in violations after the last suite', assertNoNewViolations);
    addTestFiles(mocha, __dirname);
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    console.log(`End-to-end tests ${failures === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
    return failures === 0 ? 0 : 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
