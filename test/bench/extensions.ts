// The extensions a bench window runs: Plex packaged as a release is (.vsix), the two empty
// extensions (the floors) and the probe, all installed into one extensions dir with code-server's
// own CLI, so all three load the way an installed extension does; and a second dir without Plex
// for the memory control windows. The installed Plex then gets the bench's build of
// dist/extension.js, the same code with the activation clock (test/bench/clocked-build/).
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installExtension } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';
import { packageExtension } from '../harness/vsix';

const benchSources = join(repoRoot, 'test', 'bench');
const compiledBench = join(repoRoot, 'out', 'test', 'bench');
const clockedExtensionJs = join(repoRoot, 'out', 'probe-dist', 'extension.js');

export interface InstalledExtensions {
  extensionsDir: string;
  /** The same without Plex: the memory control windows. */
  controlExtensionsDir: string;
  /** The Plex .vsix, whose size the bundle table reports. */
  plexVsix: string;
  plexVsixBytes: number;
}

/** Packages a plain folder (package.json + extension.js) with vsce. */
async function packageFolder(folder: string, outFile: string): Promise<string> {
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  await promisify(execFile)(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', outFile],
    { cwd: folder, timeout: 120_000 },
  );
  return outFile;
}

/** The probe is TypeScript: its compiled bundle (npm run build:tests) goes beside its manifest. */
function stageProbe(stagingRoot: string): string {
  const folder = join(stagingRoot, 'probe-extension');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(benchSources, 'probe-extension', 'package.json'), join(folder, 'package.json'));
  copyFileSync(join(compiledBench, 'probe-extension', 'extension.js'), join(folder, 'extension.js'));
  return folder;
}

/** Replaces the installed Plex's dist/extension.js with the clocked build (scripts/build.mjs --probe). */
function installClockedBuild(extensionsDir: string): void {
  if (!existsSync(clockedExtensionJs)) {
    throw new Error(`${clockedExtensionJs} is missing: run the bench with npm run bench, which builds it`);
  }
  const installed = readdirSync(extensionsDir).find((name) => name.startsWith('plex-vscode.plex-vscode-'));
  if (installed === undefined) {
    throw new Error(`Plex is not installed in ${extensionsDir}`);
  }
  copyFileSync(clockedExtensionJs, join(extensionsDir, installed, 'dist', 'extension.js'));
}

export async function installBenchExtensions(workRoot: string): Promise<InstalledExtensions> {
  const extensionsDir = join(workRoot, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const plexVsix = await packageExtension(join(workRoot, 'plex-vscode.vsix'));
  const emptyVsix = await packageFolder(join(benchSources, 'empty-extension'), join(workRoot, 'plex-bench-empty.vsix'));
  const emptyApiVsix = await packageFolder(join(benchSources, 'empty-api-extension'), join(workRoot, 'plex-bench-empty-api.vsix'));
  const probeVsix = await packageFolder(stageProbe(workRoot), join(workRoot, 'plex-bench-probe.vsix'));
  for (const vsix of [plexVsix, emptyVsix, emptyApiVsix, probeVsix]) {
    await installExtension(vsix, extensionsDir);
  }
  installClockedBuild(extensionsDir);
  const controlExtensionsDir = join(workRoot, 'control-extensions');
  mkdirSync(controlExtensionsDir, { recursive: true });
  for (const vsix of [emptyVsix, emptyApiVsix, probeVsix]) {
    await installExtension(vsix, controlExtensionsDir);
  }
  return { extensionsDir, controlExtensionsDir, plexVsix, plexVsixBytes: statSync(plexVsix).size };
}
