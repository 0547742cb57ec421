// `npm run test:integration`: runs test/integration/ inside a real VS Code extension host
// (code-server in headless Chromium, once per version of vscodeVersions.ts) against a fresh
// stand-in, and exits with the suites' result. `-- --grep <text>` runs only matching tests;
// `-- --order reversed` (or `shuffled:<seed>`) runs the test files without a role in that order, to
// show no file depends on another's leftovers; PLEX_HARNESS_VERBOSE=1 also streams code-server's
// own output.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn } from '../standin/index';
import { launchChromium } from './browser';
import { disposeOnInterrupt } from './cleanup';
import { startCodeServer } from './codeServer';
import { ensureCodeServer } from './codeServerInstall';
import { isVersionRun, runOnEachVersion } from './eachVersion';
import { runExtensionHostTests } from './extensionHostTests';
import { extensionUnderTestDir, repoRoot } from './paths';
import { writeReliabilityReport } from './reliabilityReport';
import { standInSettings } from './standInSettings';
import { walkthroughOnFirstActivation } from './userSettings';
import { parseSuiteFinished } from './suiteMarker';
import { currentVersion, documentedVersion } from './vscodeVersions';

const suiteTimeoutMs = 25 * 60_000;
const version = currentVersion();
/** The fault matrix's results; reliabilityReport.ts turns the documented version's into docs/reliability.md. */
const reliabilityResults = join(repoRoot, 'out', `reliability-${version.name}.json`);
const verbose = process.env.PLEX_HARNESS_VERBOSE === '1';

function argument(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) {
    return undefined;
  }
  const value = args[index + 1];
  if (value === undefined) {
    throw new Error(`${name} needs a value`);
  }
  return value;
}

/** Workbench start-up and shutdown chatter that says nothing about the extension or its tests. */
const workbenchChatter = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\] registered/,
  /^ChatSessionStore: /,
  /Long running operations during shutdown are unsupported in the web/,
  // VS Code 1.13x: the chat and agent host features this machine has no account or network for.
  /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time)\] /,
  /^Timed out waiting for authentication provider 'github' to register/,
];

/** Reads the workbench cancels once the suite has finished and the window closes. */
const shutdownCancellation = /Canceled: Canceled/;

/** Set when the suite's run() printed its finished line (see suiteMarker.ts). */
let reportedFailures: number | undefined;

function printLog(level: string, text: string): void {
  const failures = parseSuiteFinished(text);
  if (failures !== undefined) {
    reportedFailures = failures;
    return;
  }
  const chatter = workbenchChatter.some((pattern) => pattern.test(text)) || (reportedFailures !== undefined && shutdownCancellation.test(text));
  if (!verbose && chatter) {
    return;
  }
  if (level === 'error') {
    console.error(`[error] ${text}`);
  } else if (level === 'warn' || level === 'warning') {
    console.log(`[warn] ${text}`);
  } else {
    console.log(text);
  }
}

async function main(): Promise<number> {
  await ensureCodeServer();
  const started = Date.now();
  const grep = argument(process.argv.slice(2), '--grep');
  const order = argument(process.argv.slice(2), '--order');
  const cleanups: (() => Promise<void>)[] = [];
  const runCleanups = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0)) {
      await cleanup().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
    }
  };
  const forgetInterrupt = disposeOnInterrupt(runCleanups);
  // A stale file from an earlier run must not become this run's report.
  rmSync(reliabilityResults, { force: true });
  try {
    const standIn = await startStandIn();
    cleanups.unshift(() => standIn.close());
    // An extension host that dies mid-suite never calls codeAutomationExit: stop waiting then.
    let reportHostDeath: (error: Error) => void = () => undefined;
    const hostDied = new Promise<never>((_, reject) => {
      reportHostDeath = reject;
    });
    hostDied.catch(() => undefined);
    const watchHost = (line: string): void => {
      const exit = /Extension Host Process exited with code: (\d+), signal: (\w+)/.exec(line);
      if (exit !== null && (exit[1] !== '0' || exit[2] !== 'null')) {
        reportHostDeath(new Error(`The extension host exited (code ${exit[1]}, signal ${exit[2]}) before the suite finished`));
      }
    };
    const codeServer = await startCodeServer({
      // The extension host inherits code-server's environment.
      env: {
        PLEX_STANDIN_URL: standIn.plexTvUrl,
        PLEX_RELIABILITY_REPORT: reliabilityResults,
        ...(grep === undefined ? {} : { PLEX_TEST_GREP: grep }),
        ...(order === undefined ? {} : { PLEX_TEST_ORDER: order }),
      },
      // The suite's first file checks what the first activation did: the walkthrough opened.
      settings: { ...standInSettings(standIn), ...walkthroughOnFirstActivation },
      extensionDevelopment: true,
      onOutput: (line) => {
        watchHost(line);
        if (verbose) console.log(`[code-server] ${line}`);
      },
    });
    cleanups.unshift(() => codeServer.stop());
    const browser = await launchChromium();
    cleanups.unshift(() => browser.close());

    console.log(`Integration host: code-server ${codeServer.origin} (VS Code ${version.vscode}, code-server ${version.codeServer}), stand-in ${standIn.plexTvUrl}`);
    let code = await runExtensionHostTests(browser, codeServer, {
      extensionDevelopmentPath: extensionUnderTestDir,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      timeoutMs: suiteTimeoutMs,
      failed: hostDied,
      onLog: printLog,
    }).catch((error: unknown) => {
      // The host itself failed (not a test): code-server's output usually says why.
      if (!verbose) {
        console.error(`Last lines from code-server:\n${codeServer.recentOutput().slice(-40).join('\n')}`);
      }
      throw error;
    });
    if (code === 0 && reportedFailures !== 0) {
      console.error('The workbench reported success, but the suite never said it finished: the extension host stopped early.');
      code = 1;
    }
    console.log(`Integration suite ${code === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
    if (code === 0 && version === documentedVersion) {
      writeReliabilityReport(reliabilityResults);
    }
    return code;
  } finally {
    forgetInterrupt();
    await runCleanups();
  }
}

(isVersionRun() ? main() : runOnEachVersion({ what: 'Integration suite' })).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
