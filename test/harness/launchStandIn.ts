// The stand-in for desktop VS Code's launch configurations (.vscode/launch.json, "Extension
// Tests" and "Run Extension (stand-in)"): plex.tv on a fixed port, because launch.json passes
// PLEX_STANDIN_URL as a constant, and a workspace folder whose settings point at it. Each launch
// replaces the previous stand-in, so every test run starts from a fresh one.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn } from '../standin/index';
import { vscodeTestDir } from './paths';
import { isAlive } from './processAlive';
import { standInSettings } from './standInSettings';
import { waitFor } from './waitFor';

/** Keep in step with PLEX_STANDIN_URL in .vscode/launch.json. */
const plexTvPort = 32411;
const pidFile = join(vscodeTestDir, 'launch-standin.pid');
const workspaceFolder = join(vscodeTestDir, 'launch-workspace');

/** Ends the stand-in an earlier launch started (by its recorded pid, nothing else). */
async function stopPrevious(): Promise<void> {
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) {
    return;
  }
  process.kill(pid, 'SIGTERM');
  await waitFor(() => !isAlive(pid) || undefined, { description: `the previous stand-in (pid ${pid}) to exit`, timeoutMs: 10_000 });
}

async function main(): Promise<void> {
  await stopPrevious();
  const standIn = await startStandIn({ port: plexTvPort });
  mkdirSync(join(workspaceFolder, '.vscode'), { recursive: true });
  writeFileSync(join(workspaceFolder, '.vscode', 'settings.json'), JSON.stringify(standInSettings(standIn), null, 2));
  writeFileSync(pidFile, String(process.pid));

  const stop = (): void => {
    rmSync(pidFile, { force: true });
    standIn.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The launch configuration's preLaunchTask waits for this line (its background endsPattern).
  console.log(`Plex stand-in ready at ${standIn.plexTvUrl} (auth page ${standIn.authUrl}); workspace ${workspaceFolder}`);
}

main().catch((error: unknown) => {
  console.error(`launch stand-in: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
