// A stand-in for a test runner, driven by cleanup.test.ts: it starts the stand-in and a detached
// process group (a leader and a member, as code-server and its extension hosts are), registers
// them with cleanup.ts as the harness does, prints what it started and waits to be interrupted.
// Both processes ignore SIGTERM, so only the group kill on exit can stop them.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { disposeOnInterrupt } from '../harness/cleanup';
import { startStandIn } from '../standin/index';

// The harness's own compiled copy of cleanup.ts, loaded at run time beside the copy bundled into
// this file, as the e2e runner and its suites each carry one: the two must act as one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const otherCopy = require(join(__dirname, '..', 'harness', 'cleanup.js')) as typeof import('../harness/cleanup');

const stubborn = "process.on('SIGTERM', () => undefined); setInterval(() => undefined, 60_000);";
const leaderScript = `
  const member = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(stubborn)}], { stdio: 'ignore' });
  console.log(member.pid);
  ${stubborn}
`;

async function main(): Promise<void> {
  const standIn = await startStandIn();
  disposeOnInterrupt(async () => {
    await standIn.close();
    console.log('disposed: stand-in');
  });

  const leader = spawn(process.execPath, ['-e', leaderScript], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  const leaderPid = leader.pid;
  if (leaderPid === undefined) {
    throw new Error('the process group leader did not start');
  }
  otherCopy.killProcessGroupOnExit(leaderPid);
  otherCopy.disposeOnInterrupt(() => {
    otherCopy.signalProcessGroup(leaderPid, 'SIGTERM');
    console.log('disposed: process group');
  });
  const [memberLine] = (await once(createInterface({ input: leader.stdout }), 'line')) as [string];

  console.log(JSON.stringify({ plexTvUrl: standIn.plexTvUrl, leaderPid, memberPid: Number(memberLine) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
