// An interrupted test run leaves nothing running: test/harness/cleanup.ts, exercised through a
// small runner (interruptedRun.fixture.ts) that starts the stand-in and a detached process group
// whose processes ignore SIGTERM, as code-server's may while it shuts down.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../harness/paths';
import { isAlive } from '../harness/processAlive';
import { waitFor } from '../harness/waitFor';

const fixture = join(repoRoot, 'out', 'test', 'unit', 'interruptedRun.fixture.js');
const npmSteps = join(repoRoot, 'scripts', 'npm-steps.mjs');

interface Started {
  plexTvUrl: string;
  leaderPid: number;
  memberPid: number;
}

interface Run {
  child: ChildProcess;
  started: Started;
  lines: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const spawned: ChildProcess[] = [];
const startedGroups: number[] = [];

/** Starts `command` and waits for the fixture's line saying what it started. */
async function startRun(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  spawned.push(child);
  const lines: string[] = [];
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  let reportStarted: (started: Started) => void = () => undefined;
  const startedLine = new Promise<Started>((resolve) => {
    reportStarted = resolve;
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    if (line.startsWith('{')) {
      reportStarted(JSON.parse(line) as Started);
    }
  });
  const started = await Promise.race([
    startedLine,
    exited.then(({ code }) => {
      throw new Error(`the run exited (${code}) before it started anything:\n${stderr.join('')}`);
    }),
  ]);
  startedGroups.push(started.leaderPid);
  return { child, started, lines, stderr, exited };
}

/** Whether `pid` is gone; an exited process nobody has reaped yet (a zombie) counts as gone. */
function isGone(pid: number): boolean {
  if (!isAlive(pid)) {
    return true;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').startsWith('Z');
  } catch {
    return true;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

async function assertNothingLeft(run: Run): Promise<void> {
  const { leaderPid, memberPid, plexTvUrl } = run.started;
  for (const [pid, what] of [[leaderPid, 'process group leader'], [memberPid, 'process group member']] as const) {
    await waitFor(() => isGone(pid) || undefined, { description: `the ${what} (pid ${pid}) to be gone`, timeoutMs: 10_000 });
  }
  assert.equal(await answers(plexTvUrl), false, 'the stand-in still answers');
}

suite('Interrupting a test run', () => {
  suiteTeardown(() => {
    // A failed test must not leave its fixture or its group behind either.
    for (const child of spawned) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
    for (const pid of startedGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });

  for (const [signal, expectedCode] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    test(`${signal} stops the stand-in and the detached process group, and exits with ${expectedCode}`, async () => {
      const run = await startRun(process.execPath, [fixture]);
      assert.ok(await answers(run.started.plexTvUrl), 'the stand-in does not answer before the signal');
      assert.ok(!isGone(run.started.leaderPid) && !isGone(run.started.memberPid), 'the process group is not running before the signal');

      // Twice, as npm forwarding plus a terminal deliver it: the disposers still run once.
      run.child.kill(signal);
      run.child.kill(signal);
      const { code } = await run.exited;

      assert.equal(code, expectedCode, run.stderr.join(''));
      await assertNothingLeft(run);
      assert.deepEqual(
        run.lines.filter((line) => line.startsWith('disposed:')),
        ['disposed: process group', 'disposed: stand-in'],
        'each disposer runs once, the newest first',
      );
      assert.equal(run.stderr.join('').match(/Interrupted/g)?.length, 1, 'more than one copy of cleanup.ts handled the signal');
    });
  }

  test('npm test passes the signal to the step running and starts no further step', async () => {
    // npm-steps.mjs runs `$npm_execpath run STEP`; here that "npm" is the fixture itself.
    const env = { ...process.env, npm_execpath: fixture };
    const run = await startRun(process.execPath, [npmSteps, 'first', 'second'], env);

    run.child.kill('SIGTERM');
    const { code } = await run.exited;

    assert.equal(code, 143, run.stderr.join(''));
    await assertNothingLeft(run);
    assert.equal(run.lines.filter((line) => line.startsWith('{')).length, 1, 'a second step started after the signal');
  });

  test('the runners are the processes npm signals, not a shell that would die and orphan them', () => {
    // npm signals only its direct child, `sh -c SCRIPT`; sh does not pass the signal on. A script
    // whose last command is `exec node ...` becomes that node process.
    const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const runners = Object.entries(scripts).filter(([, command]) => /\bnode out\/test\//.test(command));
    assert.ok(runners.length >= 5, `expected the harness runners among ${Object.keys(scripts).join(', ')}`);
    assert.deepEqual(
      runners.filter(([, command]) => !/(^|&& )exec node out\/test\/\S+$/.test(command)).map(([name]) => name),
      [],
      'these scripts do not end in `exec node out/test/...`',
    );
    assert.match(scripts.test, /^node scripts\/npm-steps\.mjs /, 'npm test chains its steps in a shell');
  });
});
