// Installs code-server (the real VS Code workbench, served to a browser) into .vscode-test/ on
// first use and reuses it afterwards, one folder per version (vscodeVersions.ts names them). A
// version that needs another Node than the harness's runs on that Node, itself installed from
// npm into .vscode-test/ (nodeRuntime.ts); npm then runs on it, so code-server's native modules
// are built for it. An install counts only once its marker file is written, after a successful
// `npm install` and a `--version` check, so an interrupted or broken install is detected and
// redone rather than half-used. A lock directory keeps two runs that start at once from
// installing over each other.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { disposeOnInterrupt } from './cleanup';
import { withInstallLock } from './installLock';
import { ensureNodeRuntime, npmCommand, type NodeRuntimeInstall } from './nodeRuntime';
import { vscodeTestDir } from './paths';
import { seedRipgrepCache } from './ripgrepCache';
import { ensureSystemPackages } from './systemDeps';
import { currentVersion, type VscodeVersion } from './vscodeVersions';

export interface CodeServerInstall {
  readonly version: VscodeVersion;
  /** The entry script code-server's own `bin` points at; run it with `node`. */
  readonly entry: string;
  /** The Node executable that runs this code-server. */
  readonly node: string;
}

/** The oldest version keeps the folder it always had, so existing checkouts reuse their install. */
function installDirOf(version: VscodeVersion): string {
  return join(vscodeTestDir, version.codeServer === '4.100.3' ? 'code-server' : `code-server-${version.codeServer}`);
}

interface Layout {
  version: VscodeVersion;
  installDir: string;
  markerFile: string;
  lockDir: string;
  entry: string;
  /** Files whose absence means the install is unusable even if npm said it succeeded. */
  requiredFiles: string[];
}

function layoutOf(version: VscodeVersion): Layout {
  const installDir = installDirOf(version);
  const packageDir = join(installDir, 'node_modules', 'code-server');
  const entry = join(packageDir, 'out', 'node', 'entry.js');
  return {
    version,
    installDir,
    markerFile: join(installDir, 'installed.json'),
    lockDir: `${installDir}.lock`,
    entry,
    requiredFiles: [entry, join(packageDir, 'lib', 'vscode', 'out', 'server-main.js')],
  };
}

/** The code-server version this process runs on (PLEX_VSCODE, else the oldest). */
export const codeServerVersion = currentVersion().codeServer;

/** The entry script of that version's code-server. */
export const codeServerEntry = layoutOf(currentVersion()).entry;

function readInstalledVersion(layout: Layout): string | undefined {
  try {
    const marker: unknown = JSON.parse(readFileSync(layout.markerFile, 'utf8'));
    const version = (marker as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

function reportedVersion(layout: Layout, node: string): string | undefined {
  try {
    const output = execFileSync(node, [layout.entry, '--version'], { encoding: 'utf8', timeout: 60_000 });
    // A first run may log a line (e.g. writing its default config) before the version line.
    return /^(\d+\.\d+\.\d+) [0-9a-f]+ with Code /m.exec(output)?.[1];
  } catch {
    return undefined;
  }
}

function isInstallUsable(layout: Layout, node: string): boolean {
  const wanted = layout.version.codeServer;
  return (
    readInstalledVersion(layout) === wanted &&
    layout.requiredFiles.every((file) => existsSync(file)) &&
    reportedVersion(layout, node) === wanted
  );
}

async function npmInstall(layout: Layout, runtime: NodeRuntimeInstall | undefined): Promise<void> {
  const spec = `code-server@${layout.version.codeServer}`;
  const args = ['install', '--prefix', layout.installDir, spec, '--unsafe-perm', '--no-audit', '--no-fund', '--loglevel=error'];
  const npm = npmCommand(runtime);
  // npm_config_yes lets node-pty's postinstall run `npx node-gyp` without a prompt.
  const env: NodeJS.ProcessEnv = { ...process.env, ...npm.env, npm_config_yes: 'true' };
  // Under `npm test`, the outer npm's user agent (its Node's version) is in the environment, and npm
  // takes npm_config_* variables as its own settings: code-server's postinstall reads the Node
  // version from it. Without it, the npm that installs says the Node it runs on.
  delete env.npm_config_user_agent;
  const child = spawn(npm.command, [...npm.args, ...args], { stdio: ['ignore', 'inherit', 'inherit'], env });
  // Interrupted, the half-done install is not used: the next run finds it incomplete and starts over.
  child.once('exit', disposeOnInterrupt(() => child.kill('SIGTERM')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(`npm install ${spec} exited with ${String(code)}; see its output above`);
  }
}

async function install(layout: Layout, runtime: NodeRuntimeInstall | undefined, node: string, log: (line: string) => void): Promise<void> {
  const wanted = layout.version.codeServer;
  seedRipgrepCache();
  rmSync(layout.installDir, { recursive: true, force: true });
  mkdirSync(layout.installDir, { recursive: true });
  log(`Installing code-server ${wanted} into ${layout.installDir} (first use, a few minutes)...`);
  const started = Date.now();
  await npmInstall(layout, runtime);
  const missing = layout.requiredFiles.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`code-server installed without ${missing.join(', ')}; see the npm output above`);
  }
  const version = reportedVersion(layout, node);
  if (version !== wanted) {
    throw new Error(`code-server reports version ${version ?? '(none)'} after install, expected ${wanted}`);
  }
  writeFileSync(layout.markerFile, JSON.stringify({ version: wanted, installedAt: new Date().toISOString() }, null, 2));
  log(`Installed code-server ${wanted} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Makes sure system packages, the Node it needs and code-server `version` are installed (by
 * default the version this process runs on); returns how to run it.
 */
export async function ensureCodeServer(version: VscodeVersion = currentVersion(), log: (line: string) => void = console.log): Promise<CodeServerInstall> {
  ensureSystemPackages(log);
  const runtime = version.node === undefined ? undefined : await ensureNodeRuntime(version.node, log);
  const node = runtime?.node ?? process.execPath;
  const layout = layoutOf(version);
  if (!isInstallUsable(layout, node)) {
    await withInstallLock(layout.lockDir, `code-server ${version.codeServer}`, async () => {
      // Another run may have installed it while this one waited for the lock.
      if (!isInstallUsable(layout, node)) {
        await install(layout, runtime, node, log);
      }
    });
  }
  return { version, entry: layout.entry, node };
}
