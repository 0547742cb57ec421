// Bytes on disk: what activation loads, all JavaScript the package ships, the .vsix itself, and
// the built-in GitHub Authentication extension's bundle for comparison.
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { codeServerEntry } from '../harness/codeServerInstall';
import { repoRoot } from '../harness/paths';

export interface BundleSizes {
  /** dist/extension.js: what activation loads. */
  extensionJs: number;
  /** Every .js file `vsce ls` says the package ships. */
  shippedJs: number;
  shippedJsFiles: string[];
  vsix: number;
  /** The built-in GitHub Authentication's dist/extension.js inside code-server. */
  githubAuthenticationJs: number;
  /** Every .js file under that extension's dist/. */
  githubAuthenticationShippedJs: number;
}

/** The files a `vsce package` would include, as vsce itself lists them. */
async function packagedFiles(): Promise<string[]> {
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const { stdout } = await promisify(execFile)(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, timeout: 120_000 });
  return stdout.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

function githubAuthenticationDist(): string {
  // codeServerEntry is <package>/out/node/entry.js; built-in extensions live in <package>/lib/vscode/extensions.
  return join(codeServerEntry, '..', '..', '..', 'lib', 'vscode', 'extensions', 'github-authentication', 'dist');
}

export async function measureBundles(vsixBytes: number): Promise<BundleSizes> {
  const shippedJsFiles = (await packagedFiles()).filter((file) => file.endsWith('.js'));
  const githubDist = githubAuthenticationDist();
  const githubJs = readdirSync(githubDist).filter((file) => file.endsWith('.js'));
  const size = (file: string) => statSync(file).size;
  return {
    extensionJs: size(join(repoRoot, 'dist', 'extension.js')),
    shippedJs: shippedJsFiles.reduce((sum, file) => sum + size(join(repoRoot, file)), 0),
    shippedJsFiles,
    vsix: vsixBytes,
    githubAuthenticationJs: size(join(githubDist, 'extension.js')),
    githubAuthenticationShippedJs: githubJs.reduce((sum, file) => sum + size(join(githubDist, file)), 0),
  };
}
