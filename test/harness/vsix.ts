// Packages the extension as a .vsix with @vscode/vsce, as a release would (it runs the
// vscode:prepublish build and applies .vscodeignore).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths';

export async function packageExtension(outFile: string): Promise<string> {
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  try {
    // Dependencies are bundled by esbuild. No --allow-* flag: the manifest must be complete enough
    // to publish (repository, license), as a release's would.
    await promisify(execFile)(
      process.execPath,
      [vsce, 'package', '--no-dependencies', '--out', outFile],
      { cwd: repoRoot, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    const details = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`vsce package failed: ${details.message}\n${details.stdout ?? ''}\n${details.stderr ?? ''}`);
  }
  return outFile;
}
