// `npm run test:electron`: the same integration suite in desktop VS Code 1.100.3 through
// @vscode/test-electron, for machines that can download VS Code from Microsoft (it caches the
// download in .vscode-test/). Not usable on the project's own machines, which cannot reach the
// download; there `npm run test:integration` runs the suite in code-server instead. On a Linux
// machine without a display, run it under Xvfb: `xvfb-run -a npm run test:electron`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startStandIn } from '../standin/index';
import { extensionUnderTestDir, repoRoot } from './paths';
import { standInSettings } from './standInSettings';
import { walkthroughOnFirstActivation, writeUserSettings } from './userSettings';

/** Matches code-server 4.100.3, so both hosts run the same VS Code. */
const vscodeVersion = '1.100.3';

async function main(): Promise<void> {
  const standIn = await startStandIn();
  const root = mkdtempSync(join(tmpdir(), 'plex-vscode-electron-'));
  try {
    const userDataDir = join(root, 'user-data');
    const extensionsDir = join(root, 'extensions');
    const workspaceFolder = join(root, 'workspace');
    mkdirSync(extensionsDir, { recursive: true });
    mkdirSync(workspaceFolder, { recursive: true });
    writeUserSettings(userDataDir, { ...standInSettings(standIn), ...walkthroughOnFirstActivation });
    await runTests({
      version: vscodeVersion,
      extensionDevelopmentPath: extensionUnderTestDir,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspaceFolder, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-extensions'],
      extensionTestsEnv: { PLEX_STANDIN_URL: standIn.plexTvUrl },
    });
  } finally {
    await standIn.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
    console.error('Where VS Code cannot be downloaded, `npm run test:integration` runs the same suite in code-server.');
    process.exit(1);
  },
);
