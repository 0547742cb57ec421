// The lock every window takes around a webhook change: real files in a temp folder, several
// holders at once, a stale lock and one of a dead process taken over, a live holder kept, and a
// bounded wait.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WindowLock, WindowLockBusyError } from '../../../src/account/windowLock';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

suite('WindowLock: one read-then-write at a time across windows', () => {
  let folder: string;
  let lockFile: string;

  setup(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'plex-window-lock-'));
    folder = join(parent, 'globalStorage'); // not there yet: the lock creates it
    lockFile = join(folder, 'webhooks.lock');
  });
  teardown(() => rm(join(folder, '..'), { recursive: true, force: true }));

  test('holders take turns: a read-then-write of a shared file never interleaves, nothing is lost', async () => {
    const counter = join(folder, 'counter');
    const events: string[] = [];
    const holders = Array.from({ length: 6 }, () => new WindowLock(folder, 'webhooks', { pollMs: 5 }));
    await Promise.all(
      holders.map((lock, index) =>
        lock.run(async () => {
          events.push(`enter ${index}`);
          const read = existsSync(counter) ? Number(await readFile(counter, 'utf8')) : 0;
          await new Promise((done) => setImmediate(done));
          await writeFile(counter, String(read + 1));
          events.push(`leave ${index}`);
        }),
      ),
    );
    assert.equal(await readFile(counter, 'utf8'), '6', 'every increment is kept');
    for (let i = 0; i < events.length; i += 2) {
      assert.match(events[i], /^enter /);
      assert.equal(events[i + 1], events[i].replace('enter', 'leave'), `no one entered while ${events[i]} held the lock: ${events.join(', ')}`);
    }
    assert.equal(existsSync(lockFile), false, 'the last holder released the lock');
  });

  test('the lock is released when the work fails, and the failure comes through', async () => {
    const lock = new WindowLock(folder, 'webhooks');
    await assert.rejects(
      lock.run(() => Promise.reject(new Error('plex.tv said no'))),
      /plex\.tv said no/,
    );
    assert.equal(existsSync(lockFile), false);
    assert.equal(await lock.run(() => Promise.resolve('next')), 'next');
  });

  test('the wait is bounded: a lock held throughout ends in WindowLockBusyError, and nothing ran', async () => {
    const holding = deferred();
    const entered = deferred();
    const first = new WindowLock(folder, 'webhooks').run(async () => {
      entered.resolve();
      await holding.promise;
    });
    await entered.promise;
    let ran = false;
    const started = Date.now();
    await assert.rejects(
      new WindowLock(folder, 'webhooks', { waitMs: 300, pollMs: 20 }).run(async () => {
        ran = true;
      }),
      (error: unknown) => error instanceof WindowLockBusyError && error.waitedMs >= 300,
    );
    assert.ok(Date.now() - started < 5000, 'gave up soon after the wait');
    assert.equal(ran, false);
    holding.resolve();
    await first;
    assert.equal(existsSync(lockFile), false);
  });

  test('a wait cancelled by its signal ends at once, and nothing ran', async () => {
    const holding = deferred();
    const entered = deferred();
    const first = new WindowLock(folder, 'webhooks').run(async () => {
      entered.resolve();
      await holding.promise;
    });
    await entered.promise;
    const controller = new AbortController();
    let ran = false;
    const waiting = new WindowLock(folder, 'webhooks', { waitMs: 60_000, pollMs: 20 }).run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort();
    await assert.rejects(waiting, (error: unknown) => error instanceof Error && error.name === 'AbortError');
    assert.equal(ran, false);
    holding.resolve();
    await first;
  });

  test('a live holder that works longer than the stale time keeps its lock (it refreshes it)', async () => {
    const holding = deferred();
    const entered = deferred();
    const first = new WindowLock(folder, 'webhooks', { staleMs: 150 }).run(async () => {
      entered.resolve();
      await holding.promise;
    });
    await entered.promise;
    await assert.rejects(
      new WindowLock(folder, 'webhooks', { staleMs: 150, waitMs: 600, pollMs: 20 }).run(() => Promise.resolve()),
      WindowLockBusyError,
    );
    holding.resolve();
    await first;
  });

  test('a stale lock (not refreshed for longer than the stale time) is taken over', async () => {
    await new WindowLock(folder, 'webhooks').run(() => Promise.resolve()); // creates the folder
    await writeFile(lockFile, JSON.stringify({ id: 'hung-window', pid: process.ppid, host: hostname() }));
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockFile, longAgo, longAgo);
    const started = Date.now();
    const result = await new WindowLock(folder, 'webhooks', { staleMs: 15_000, waitMs: 10_000 }).run(() => Promise.resolve('took over'));
    assert.equal(result, 'took over');
    assert.ok(Date.now() - started < 5000, 'did not wait for the whole wait');
    assert.equal(existsSync(lockFile), false);
  });

  test('a fresh lock whose process on this machine is gone is taken over', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    assert.ok(typeof gone === 'number' && gone > 0);
    await new WindowLock(folder, 'webhooks').run(() => Promise.resolve());
    await writeFile(lockFile, JSON.stringify({ id: 'crashed-window', pid: gone, host: hostname() }));
    const result = await new WindowLock(folder, 'webhooks', { staleMs: 15_000, waitMs: 10_000 }).run(() => Promise.resolve('took over'));
    assert.equal(result, 'took over');
  });

  test('a fresh lock of a live process, even unreadable, is not taken over', async () => {
    await new WindowLock(folder, 'webhooks').run(() => Promise.resolve());
    await writeFile(lockFile, 'not json');
    await assert.rejects(new WindowLock(folder, 'webhooks', { waitMs: 200, pollMs: 20 }).run(() => Promise.resolve()), WindowLockBusyError);
    assert.equal(await readFile(lockFile, 'utf8'), 'not json', 'left in place');
  });
});
