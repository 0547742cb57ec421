// A lock shared by every window of one VS Code user: each window has its own extension host, so
// an in-memory queue cannot make them take turns. The lock is a file created exclusively in a
// folder all those hosts see (the extension's global storage); plain Node, no vscode.
import { randomUUID } from 'node:crypto';
import { type FileHandle, link, mkdir, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WindowLockOptions {
  /** A lock not refreshed for this long is taken over (its holder hung or died without releasing it). */
  readonly staleMs?: number;
  /** How long to wait for the lock before giving up with WindowLockBusyError. */
  readonly waitMs?: number;
  /** How often a waiter looks again. */
  readonly pollMs?: number;
}

/** The lock stayed held by another window for the whole wait. */
export class WindowLockBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`Another window held the lock for ${waitedMs} ms.`);
    this.name = 'WindowLockBusyError';
  }
}

interface Holder {
  readonly id: string;
  readonly pid: number;
  readonly host: string;
}

const DEFAULTS = { staleMs: 15_000, waitMs: 30_000, pollMs: 50 } as const;

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, pid, host } = value as Record<string, unknown>;
    return typeof id === 'string' && typeof pid === 'number' && typeof host === 'string' ? { id, pid, host } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process of this machine is gone (signal 0 checks without signalling). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return errorCode(error) === 'ESRCH';
  }
}

/**
 * Runs work one at a time across every process that uses the same folder and name. The holder
 * refreshes the file's time while it works, so only a hung or dead holder's lock grows stale; a
 * stale lock, or one whose process on this machine is gone, is taken over. Released in `finally`.
 */
export class WindowLock {
  private readonly path: string;
  private readonly staleMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly folder: string,
    name: string,
    options: WindowLockOptions = {},
  ) {
    this.path = join(folder, `${name}.lock`);
    this.staleMs = options.staleMs ?? DEFAULTS.staleMs;
    this.waitMs = options.waitMs ?? DEFAULTS.waitMs;
    this.pollMs = options.pollMs ?? DEFAULTS.pollMs;
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const id = await this.acquire(signal);
    const refresh = setInterval(() => {
      const now = new Date();
      void utimes(this.path, now, now).catch(() => undefined);
    }, Math.max(1, Math.floor(this.staleMs / 3)));
    refresh.unref();
    try {
      return await work();
    } finally {
      clearInterval(refresh);
      await this.release(id);
    }
  }

  private async acquire(signal: AbortSignal | undefined): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const holder: Holder = { id: randomUUID(), pid: process.pid, host: hostname() };
    const started = Date.now();
    for (;;) {
      signal?.throwIfAborted();
      if (await this.tryCreate(holder)) {
        return holder.id;
      }
      if (await this.takeOverIfStale()) {
        continue;
      }
      const waited = Date.now() - started;
      if (waited >= this.waitMs) {
        throw new WindowLockBusyError(waited);
      }
      await sleep(Math.min(this.pollMs, this.waitMs - waited), undefined, signal ? { signal } : undefined);
    }
  }

  private async tryCreate(holder: Holder): Promise<boolean> {
    let file: FileHandle;
    try {
      file = await open(this.path, 'wx');
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    }
    try {
      await file.writeFile(JSON.stringify(holder));
    } finally {
      await file.close();
    }
    return true;
  }

  /**
   * True when the lock is gone or was stale and is now removed (try again at once). The stale file
   * is moved aside first and compared, so a fresh lock created meanwhile is put back, not deleted.
   */
  private async takeOverIfStale(): Promise<boolean> {
    let seen: string;
    let modified: number;
    try {
      [seen, modified] = await Promise.all([readFile(this.path, 'utf8'), stat(this.path).then((info) => info.mtimeMs)]);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return true;
      throw error;
    }
    const holder = parseHolder(seen);
    const dead = holder !== undefined && holder.host === hostname() && holder.pid !== process.pid && processGone(holder.pid);
    if (!dead && Date.now() - modified < this.staleMs) {
      return false;
    }
    const aside = `${this.path}.${randomUUID()}.stale`;
    try {
      await rename(this.path, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return true;
      throw error;
    }
    try {
      if ((await readFile(aside, 'utf8')) !== seen) {
        await link(aside, this.path).catch(() => undefined); // EEXIST: a third window already holds it
      }
    } finally {
      await unlink(aside).catch(() => undefined);
    }
    return true;
  }

  /**
   * Removes the lock if it is still this holder's (a stale one may have been taken over). A lock
   * that cannot be removed goes stale and is taken over, so this never hides the work's outcome.
   */
  private async release(id: string): Promise<void> {
    try {
      if (parseHolder(await readFile(this.path, 'utf8'))?.id === id) {
        await unlink(this.path);
      }
    } catch {
      // gone already, or left to go stale
    }
  }
}
