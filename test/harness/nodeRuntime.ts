// A Node.js other than the one running the harness, for a code-server that requires it: Node's
// own linux-x64 build as published on npm (bin/node plus the headers native modules build
// against), installed into .vscode-test/node-<version>/ on first use. Nothing outside that
// folder changes: no PATH, no system package.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { disposeOnInterrupt } from './cleanup';
import { withInstallLock } from './installLock';
import { vscodeTestDir } from './paths';
import { findOnPath } from './systemDeps';
import type { NodeRuntime } from './vscodeVersions';

export interface NodeRuntimeInstall {
  /** The node executable. */
  readonly node: string;
  /** The package folder: bin/node, include/node (what node-gyp's --nodedir wants). */
  readonly packageDir: string;
}

function layoutOf(runtime: NodeRuntime): NodeRuntimeInstall & { installDir: string } {
  const installDir = join(vscodeTestDir, `node-${runtime.version}`);
  const packageDir = join(installDir, 'node_modules', runtime.packageName);
  return { installDir, packageDir, node: join(packageDir, 'bin', 'node') };
}

function reportedVersion(node: string): string | undefined {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  } catch {
    return undefined;
  }
}

function isUsable(layout: NodeRuntimeInstall, runtime: NodeRuntime): boolean {
  return existsSync(join(layout.packageDir, 'include', 'node', 'node.h')) && reportedVersion(layout.node) === `v${runtime.version}`;
}

async function install(layout: NodeRuntimeInstall & { installDir: string }, runtime: NodeRuntime, log: (line: string) => void): Promise<void> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${runtime.packageName} is Node for linux-x64; this machine is ${process.platform}-${process.arch}`);
  }
  rmSync(layout.installDir, { recursive: true, force: true });
  mkdirSync(layout.installDir, { recursive: true });
  const spec = `${runtime.packageName}@${runtime.version}`;
  log(`Installing Node ${runtime.version} (${spec}) into ${layout.installDir} (first use)...`);
  const child = spawn('npm', ['install', '--prefix', layout.installDir, spec, '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', disposeOnInterrupt(() => child.kill('SIGTERM')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(`npm install ${spec} exited with ${String(code)}; see its output above`);
  }
  if (!isUsable(layout, runtime)) {
    throw new Error(`${spec} installed, but ${layout.node} --version does not say v${runtime.version}`);
  }
}

/** Makes sure `runtime` is installed; returns where its node is. */
export async function ensureNodeRuntime(runtime: NodeRuntime, log: (line: string) => void): Promise<NodeRuntimeInstall> {
  const layout = layoutOf(runtime);
  if (!isUsable(layout, runtime)) {
    await withInstallLock(`${layout.installDir}.lock`, `Node ${runtime.version}`, async () => {
      if (!isUsable(layout, runtime)) {
        await install(layout, runtime, log);
      }
    });
  }
  return { node: layout.node, packageDir: layout.packageDir };
}

/** npm's own script (npm-cli.js): the npm running this script, else the one on PATH. */
function npmCli(): string {
  const fromNpm = process.env.npm_execpath;
  if (fromNpm !== undefined && fromNpm.endsWith('.js') && existsSync(fromNpm)) {
    return fromNpm;
  }
  const onPath = findOnPath('npm');
  if (onPath === undefined) {
    throw new Error('npm is not on PATH');
  }
  return realpathSync(onPath);
}

export interface NpmCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * How to run npm on `runtime` (undefined: the harness's own Node). Scripts npm runs (code-server's
 * postinstall and its nested `npm install`) find that node first on PATH, its user agent names
 * that Node's version, and node-gyp builds against that Node's headers with no download.
 */
export function npmCommand(runtime: NodeRuntimeInstall | undefined): NpmCommand {
  if (runtime === undefined) {
    return { command: 'npm', args: [], env: {} };
  }
  return {
    command: runtime.node,
    args: [npmCli()],
    env: { PATH: `${dirname(runtime.node)}${delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: runtime.packageDir },
  };
}
