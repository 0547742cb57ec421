// System packages the real-VS-Code hosts need. On a fresh Debian/Ubuntu machine running as root
// they are installed with apt-get; anywhere else the run stops with the exact command to run.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

interface SystemPackage {
  /** The Debian package name. */
  name: string;
  why: string;
  isPresent(): boolean;
}

export const chromiumPath = '/usr/bin/chromium';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== '' && isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

const requiredPackages: SystemPackage[] = [
  { name: 'chromium', why: 'the browser Playwright drives', isPresent: () => isExecutable(chromiumPath) },
  { name: 'ripgrep', why: "seeds @vscode/ripgrep's download cache", isPresent: () => findOnPath('rg') !== undefined },
  {
    name: 'libkrb5-dev',
    why: "code-server's kerberos module includes gssapi/gssapi.h",
    isPresent: () => existsSync('/usr/include/gssapi/gssapi.h'),
  },
];

function isRootOnDebian(): boolean {
  return process.getuid?.() === 0 && existsSync('/etc/debian_version') && findOnPath('apt-get') !== undefined;
}

export function ensureSystemPackages(log: (line: string) => void = console.log): void {
  const missing = requiredPackages.filter((pkg) => !pkg.isPresent());
  if (missing.length === 0) {
    return;
  }
  const names = missing.map((pkg) => pkg.name);
  // With recommended packages: Chromium's recommended fonts are what renders text in screenshots.
  const command = `apt-get update && apt-get install -y ${names.join(' ')}`;
  if (!isRootOnDebian()) {
    const reasons = missing.map((pkg) => `  ${pkg.name}: ${pkg.why}`).join('\n');
    throw new Error(`Missing system packages:\n${reasons}\nInstall them with:\n  sudo sh -c '${command}'`);
  }
  log(`Installing system packages: ${names.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', ...names], { stdio: 'inherit', env });
  const stillMissing = requiredPackages.filter((pkg) => !pkg.isPresent()).map((pkg) => pkg.name);
  if (stillMissing.length > 0) {
    throw new Error(`apt-get finished but these are still missing: ${stillMissing.join(', ')}`);
  }
}
