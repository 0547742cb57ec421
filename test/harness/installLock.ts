// A lock directory around an install into .vscode-test/, so two runs that start at once do not
// install over each other. The lock appears with its owner's pid inside; a dead owner's lock is
// taken over.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isAlive } from './processAlive';
import { waitFor } from './waitFor';

/** How long a run waits for another run's install (a code-server build on a busy machine). */
const lockWaitMs = 30 * 60_000;

/** The pid recorded in the lock, or undefined when there is none (yet, or any more). */
function lockOwner(lockDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `action` holding `lockDir`, waiting for another run's install of `what` to finish first. */
export async function withInstallLock<T>(lockDir: string, what: string, action: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lockDir), { recursive: true });
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
        const owner = lockOwner(lockDir);
        if (owner !== undefined && !isAlive(owner)) {
          rmSync(lockDir, { recursive: true, force: true });
        }
        return undefined;
      }
    },
    { description: `another run's ${what} install to finish (lock ${lockDir})`, timeoutMs: lockWaitMs, intervalMs: 500 },
  );
  try {
    return await action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
