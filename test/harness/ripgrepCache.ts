// @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It looks in
// its cache folder first, so the system's rg is packed there under the name it expects.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from './systemDeps';

/** The @vscode/ripgrep package version code-server 4.100.3 installs, and the rg release it wants. */
const cacheDir = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
const archiveName = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function seedRipgrepCache(): void {
  const archive = join(cacheDir, archiveName);
  if (existsSync(archive)) {
    return;
  }
  const rg = findOnPath('rg');
  if (rg === undefined) {
    throw new Error('rg is not on PATH; run ensureSystemPackages() first');
  }
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(cacheDir, 'staging-'));
  try {
    copyFileSync(rg, join(staging, 'rg'));
    // Written beside the final name and renamed, so a concurrent install never sees half an archive.
    const partial = join(staging, archiveName);
    execFileSync('tar', ['czf', partial, '-C', staging, 'rg']);
    renameSync(partial, archive);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
