// Installs code-server (the real VS Code workbench, served to a browser) into .vscode-test/ on
// first use and reuses it afterwards. An install counts only once its marker file is written,
// after a successful `npm install` and a `--version` check, so an interrupted or broken install is
// detected and redone rather than half-used. A lock directory keeps two runs that start at once
// from installing over each other.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { disposeOnInterrupt } from './cleanup';
import { vscodeTestDir } from './paths';
import { isAlive } from './processAlive';
import { seedRipgrepCache } from './ripgrepCache';
import { ensureSystemPackages } from './systemDeps';
import { waitFor } from './waitFor';

/** The last code-server release that runs on Node 20 (VS Code 1.100.3). */
export const codeServerVersion = '4.100.3';

const installDir = join(vscodeTestDir, 'code-server');
const markerFile = join(installDir, 'installed.json');
const lockDir = join(vscodeTestDir, 'code-server.lock');
const packageDir = join(installDir, 'node_modules', 'code-server');

/** The entry script code-server's own `bin` points at; run it with this Node. */
export const codeServerEntry = join(packageDir, 'out', 'node', 'entry.js');

/** Files whose absence means the install is unusable even if npm said it succeeded. */
const requiredFiles = [
  codeServerEntry,
  join(packageDir, 'lib', 'vscode', 'out', 'server-main.js'),
  join(packageDir, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
];

function readInstalledVersion(): string | undefined {
  try {
    const marker: unknown = JSON.parse(readFileSync(markerFile, 'utf8'));
    const version = (marker as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

function reportedVersion(): string | undefined {
  try {
    const output = execFileSync(process.execPath, [codeServerEntry, '--version'], { encoding: 'utf8', timeout: 60_000 });
    // A first run may log a line (e.g. writing its default config) before the version line.
    return /^(\d+\.\d+\.\d+) [0-9a-f]+ with Code /m.exec(output)?.[1];
  } catch {
    return undefined;
  }
}

function isInstallUsable(): boolean {
  return (
    readInstalledVersion() === codeServerVersion &&
    requiredFiles.every((file) => existsSync(file)) &&
    reportedVersion() === codeServerVersion
  );
}

async function npmInstall(): Promise<void> {
  const args = ['install', '--prefix', installDir, `code-server@${codeServerVersion}`, '--unsafe-perm', '--no-audit', '--no-fund', '--loglevel=error'];
  // npm_config_yes lets node-pty's postinstall run `npx node-gyp` without a prompt.
  const child = spawn('npm', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_config_yes: 'true' } });
  // Interrupted, the half-done install is not used: the next run finds it incomplete and starts over.
  child.once('exit', disposeOnInterrupt(() => child.kill('SIGTERM')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(`npm install code-server@${codeServerVersion} exited with ${String(code)}; see its output above`);
  }
}

async function install(log: (line: string) => void): Promise<void> {
  seedRipgrepCache();
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  log(`Installing code-server ${codeServerVersion} into ${installDir} (first use, about a minute)...`);
  const started = Date.now();
  await npmInstall();
  const missing = requiredFiles.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`code-server installed without ${missing.join(', ')}; see the npm output above`);
  }
  const version = reportedVersion();
  if (version !== codeServerVersion) {
    throw new Error(`code-server reports version ${version ?? '(none)'} after install, expected ${codeServerVersion}`);
  }
  writeFileSync(markerFile, JSON.stringify({ version: codeServerVersion, installedAt: new Date().toISOString() }, null, 2));
  log(`Installed code-server ${codeServerVersion} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** The pid recorded in the lock, or undefined when there is none (yet, or any more). */
function lockOwner(): number | undefined {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the install lock, waiting for another run's install to finish; a dead owner's lock is taken over. */
async function withInstallLock<T>(action: () => Promise<T>): Promise<T> {
  mkdirSync(vscodeTestDir, { recursive: true });
  const candidate = `${lockDir}.${process.pid}`;
  await waitFor(
    () => {
      // The lock appears with its pid file already inside: rename() onto a non-empty directory fails.
      mkdirSync(candidate, { recursive: true });
      writeFileSync(join(candidate, 'pid'), String(process.pid));
      try {
        renameSync(candidate, lockDir);
        return true;
      } catch {
        rmSync(candidate, { recursive: true, force: true });
        const owner = lockOwner();
        if (owner !== undefined && !isAlive(owner)) {
          rmSync(lockDir, { recursive: true, force: true });
        }
        return undefined;
      }
    },
    { description: `another run's code-server install to finish (lock ${lockDir})`, timeoutMs: 10 * 60_000, intervalMs: 500 },
  );
  try {
    return await action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Makes sure system packages and code-server are installed; returns the entry script to run. */
export async function ensureCodeServer(log: (line: string) => void = console.log): Promise<string> {
  ensureSystemPackages(log);
  if (!isInstallUsable()) {
    await withInstallLock(async () => {
      // Another run may have installed it while this one waited for the lock.
      if (!isInstallUsable()) {
        await install(log);
      }
    });
  }
  return codeServerEntry;
}
