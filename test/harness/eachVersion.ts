// A runner (the integration suite, the e2e journeys) runs once per VS Code version of
// vscodeVersions.ts: the parent prints which versions and why, installs them, then starts this
// same script once per version with PLEX_VSCODE naming it, and fails when any of them fails.
// The runs go side by side where the machine has the cores for it (each runs a code-server, its
// extension host and Chromium), one after the other elsewhere; PLEX_VSCODE_PARALLEL=1 or 0 decides.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { disposeOnInterrupt } from './cleanup';
import { ensureCodeServer } from './codeServerInstall';
import { describeVersions, selectedVersions, versionLabel, versionVariable, type VscodeVersion } from './vscodeVersions';

/** Set for the child that runs one version, so it runs rather than starting children again. */
const childVariable = 'PLEX_VSCODE_CHILD';

/** Cores a run of one version keeps busy (code-server, extension host, Chromium). */
const coresPerRun = 2;

/** True in the child that runs one version: the runner's own work goes here. */
export function isVersionRun(): boolean {
  return process.env[childVariable] === '1';
}

function runsInParallel(count: number): boolean {
  const setting = process.env.PLEX_VSCODE_PARALLEL;
  if (setting === '1' || setting === '0') {
    return setting === '1';
  }
  return count > 1 && availableParallelism() >= coresPerRun * count;
}

interface Outcome {
  version: VscodeVersion;
  code: number;
  seconds: number;
}

function runOne(version: VscodeVersion, env: Record<string, string>, prefixOutput: boolean): Promise<Outcome> {
  const started = Date.now();
  const child = spawn(process.execPath, process.argv.slice(1), {
    stdio: ['ignore', prefixOutput ? 'pipe' : 'inherit', prefixOutput ? 'pipe' : 'inherit'],
    env: { ...process.env, ...env, [versionVariable]: version.name, [childVariable]: '1' },
  });
  const forget = disposeOnInterrupt(() => child.kill('SIGTERM'));
  if (prefixOutput) {
    const prefix = `[${version.vscode}] `;
    for (const [stream, sink] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
      let pending = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) sink.write(`${prefix}${line}\n`);
      });
      stream?.on('end', () => pending !== '' && sink.write(`${prefix}${pending}\n`));
    }
  }
  return new Promise((resolve) => {
    const finish = (code: number): void => {
      forget();
      resolve({ version, code, seconds: Math.round((Date.now() - started) / 1000) });
    };
    child.once('error', (error) => {
      console.error(`${versionLabel(version)}: ${error.message}`);
      finish(1);
    });
    child.once('exit', (code, signal) => finish(signal === null ? (code ?? 1) : 1));
  });
}

export interface EachVersionOptions {
  /** What runs, for the summary: "Integration suite". */
  what: string;
  /** Work done once for all versions (e.g. packaging the .vsix); returns environment for the runs. */
  prepare?: () => Promise<Record<string, string>>;
}

/** The parent's work: runs this script once per selected version; resolves to the exit code. */
export async function runOnEachVersion(options: EachVersionOptions): Promise<number> {
  const versions = selectedVersions();
  const parallel = runsInParallel(versions.length);
  console.log(describeVersions(versions));
  console.log(`${options.what}: ${versions.length} run${versions.length === 1 ? '' : 's'}, ${parallel ? 'side by side' : 'one after the other'} (${availableParallelism()} cores).`);
  const started = Date.now();
  // Installed one at a time before any run: each install builds native modules and needs the cores.
  for (const version of versions) {
    await ensureCodeServer(version);
  }
  const env = options.prepare === undefined ? {} : await options.prepare();
  const outcomes: Outcome[] = [];
  if (parallel) {
    outcomes.push(...(await Promise.all(versions.map((version) => runOne(version, env, true)))));
  } else {
    for (const version of versions) {
      console.log(`\n=== ${options.what} on ${versionLabel(version)} (code-server ${version.codeServer}) ===`);
      outcomes.push(await runOne(version, env, false));
    }
  }
  const failed = outcomes.filter((outcome) => outcome.code !== 0);
  console.log(`\n${options.what}, per VS Code version (${Math.round((Date.now() - started) / 1000)} s in all):`);
  for (const outcome of outcomes) {
    console.log(`  ${versionLabel(outcome.version).padEnd(16)} ${outcome.code === 0 ? 'passed' : 'FAILED'} in ${outcome.seconds} s`);
  }
  return failed.length === 0 ? 0 : 1;
}
