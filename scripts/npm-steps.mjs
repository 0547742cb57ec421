// `npm test` runs its steps through this rather than as `npm run a && npm run b`: the sh between
// npm and such a chain dies on the SIGTERM npm forwards to it, and the step running then carries
// on orphaned. Here the running step gets the signal, and no later step starts.
//   node scripts/npm-steps.mjs lint typecheck build   runs `npm run lint`, then the next, ...
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const steps = process.argv.slice(2);
if (steps.length === 0 || steps.some((step) => step.startsWith('-'))) {
  console.error('Usage: node scripts/npm-steps.mjs SCRIPT... (names of npm scripts, run in order)');
  process.exit(2);
}

let running;
let interruptedBy;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interruptedBy ??= signal;
    running?.kill(signal);
  });
}

/** Exit code of `npm run step`: a step killed by a signal counts as 128 + its number. */
function runStep(step) {
  // npm_execpath is the npm that runs this script; outside npm, the one on PATH.
  const npm = process.env.npm_execpath;
  running = npm ? spawn(process.execPath, [npm, 'run', step], { stdio: 'inherit' }) : spawn('npm', ['run', step], { stdio: 'inherit' });
  return new Promise((resolve) => {
    running.once('error', (error) => {
      console.error(`npm run ${step}: ${error.message}`);
      resolve(1);
    });
    running.once('exit', (code, signal) => resolve(signal ? 128 + constants.signals[signal] : (code ?? 1)));
  });
}

for (const step of steps) {
  const code = await runStep(step);
  if (interruptedBy) {
    process.exit(128 + constants.signals[interruptedBy]);
  }
  if (code !== 0) {
    process.exit(code);
  }
}
