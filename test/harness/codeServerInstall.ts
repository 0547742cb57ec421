// Installs code-server (the real VS Code workbench, served to a browser) into .vscode-test/ on
// first use and reuses it afterwards. An install counts only once its marker file is written,
// after a successful `npm install` and a `--version` check, so an interrupted or broken install is
// detected and redone rather than half-used.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vscodeTestDir } from './paths';
import { seedRipgrepCache } from './ripgrepCache';
import { ensureSystemPackages } from './systemDeps';

/** The last code-server release that runs on Node 20 (VS Code 1.100.3). */
export const codeServerVersion = '4.100.3';

const installDir = join(vscodeTestDir, 'code-server');
const markerFile = join(installDir, 'installed.json');
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

function install(log: (line: string) => void): void {
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  log(`Installing code-server ${codeServerVersion} into ${installDir} (first use, about a minute)...`);
  const started = Date.now();
  execFileSync(
    'npm',
    ['install', '--prefix', installDir, `code-server@${codeServerVersion}`, '--unsafe-perm', '--no-audit', '--no-fund', '--loglevel=error'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      // npm_config_yes lets node-pty's postinstall run `npx node-gyp` without a prompt.
      env: { ...process.env, npm_config_yes: 'true' },
    },
  );
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

/** Makes sure system packages and code-server are installed; returns the entry script to run. */
export function ensureCodeServer(log: (line: string) => void = console.log): string {
  ensureSystemPackages(log);
  if (!isInstallUsable()) {
    seedRipgrepCache();
    install(log);
  }
  return codeServerEntry;
}
