// `npm run test:e2e`: packages the extension (vsce) once, then per VS Code version of
// test/harness/vscodeVersions.ts installs the .vsix into a temp extensions dir with that
// code-server's CLI and runs every out/test/e2e/**/*.test.js with mocha. Each suite starts its
// own stand-in, code-server and Chromium (see workbench.ts): a fresh stand-in is the known state
// each suite starts from. After each suite, every stand-in this process started must have reported
// no violation (protocol or spec: the stand-in checks each exchange as it serves it).
// `-- --grep <text>` runs only matching tests; PLEX_VSCODE=newest only that version.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Mocha from 'mocha';
import { disposeOnInterrupt } from '../harness/cleanup';
import { ensureCodeServer } from '../harness/codeServerInstall';
import { installExtension } from '../harness/codeServer';
import { isVersionRun, runOnEachVersion } from '../harness/eachVersion';
import { addTestFiles, aroundEachTopLevelSuite } from '../harness/mochaFiles';
import { ViolationWatch } from '../standin/startedStandIns';
import { packageExtension } from '../harness/vsix';
import { currentVersion } from '../harness/vscodeVersions';
import { extensionsDirVariable } from './workbench';

/** Set by the parent run: the .vsix it packaged once for every version. */
const vsixVariable = 'PLEX_E2E_VSIX';

function grepArgument(args: string[]): string | undefined {
  const index = args.indexOf('--grep');
  return index === -1 ? undefined : args[index + 1];
}

function withTempRoot<T>(action: (root: string) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'plex-vscode-e2e-'));
  const forget = disposeOnInterrupt(() => rmSync(root, { recursive: true, force: true }));
  return action(root).finally(() => {
    forget();
    rmSync(root, { recursive: true, force: true });
  });
}

/** One version's run: install the packaged extension, then the journeys. */
async function runVersion(): Promise<number> {
  const version = currentVersion();
  await ensureCodeServer(version);
  const started = Date.now();
  return withTempRoot(async (root) => {
    const vsix = process.env[vsixVariable] ?? (await packageExtension(join(root, 'plex-vscode.vsix')));
    const extensionsDir = join(root, 'extensions');
    await installExtension(vsix, extensionsDir);
    console.log(`Installed the extension into code-server ${version.codeServer} (VS Code ${version.vscode}) in ${Math.round((Date.now() - started) / 1000)} s`);
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
    console.log(`End-to-end tests on VS Code ${version.vscode} ${failures === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
    return failures === 0 ? 0 : 1;
  });
}

/** Every version's run, sharing one package of the extension. */
function runAll(): Promise<number> {
  return withTempRoot((root) =>
    runOnEachVersion({
      what: 'End-to-end tests',
      prepare: async () => {
        const started = Date.now();
        const vsix = await packageExtension(join(root, 'plex-vscode.vsix'));
        console.log(`Packaged the extension in ${Math.round((Date.now() - started) / 1000)} s`);
        return { [vsixVariable]: vsix };
      },
    }),
  );
}

(isVersionRun() ? runVersion() : runAll()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
