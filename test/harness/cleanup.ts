// What a test run started must stop when the run is interrupted. Each runner (and each helper
// that starts something: code-server, Chromium, the stand-in) registers how to stop it here. On
// SIGINT, SIGTERM or SIGHUP the disposers run once, newest first, and the process exits with
// 128 + the signal's number (130, 143, 129). Processes started detached are in a group of their
// own that no terminal signal reaches, so they are also killed as a group when this process
// exits, however it gets there: a disposer that hangs or fails still leaves nothing behind.
import { constants } from 'node:os';

type Disposer = () => unknown;

const interruptSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type InterruptSignal = (typeof interruptSignals)[number];

/** How long the disposers together may take before the process exits anyway. */
const disposeDeadlineMs = 15_000;

interface Registry {
  disposers: Set<Disposer>;
  handlersInstalled: boolean;
  interrupted: boolean;
}

/**
 * build-tests.mjs bundles every test file on its own, so one process can hold several copies of
 * this module (the e2e runner and each suite it loads). They share one registry, kept on a
 * process-wide symbol, so the disposers still run once and in order, and only one copy exits.
 */
const registryKey = Symbol.for('plex-vscode.test.harness.cleanup');
const processGlobals = globalThis as unknown as Record<symbol, Registry | undefined>;
const registry: Registry = (processGlobals[registryKey] ??= { disposers: new Set(), handlersInstalled: false, interrupted: false });

function installHandlers(): void {
  if (registry.handlersInstalled) {
    return;
  }
  registry.handlersInstalled = true;
  for (const signal of interruptSignals) {
    process.on(signal, () => void interrupt(signal));
  }
}

async function interrupt(signal: InterruptSignal): Promise<void> {
  // npm forwards the signal it got to its script, and a terminal sends Ctrl-C to every process
  // of the foreground group, so one interruption often arrives two or three times.
  if (registry.interrupted) {
    return;
  }
  registry.interrupted = true;
  console.error(`\nInterrupted (${signal}): stopping what this run started...`);
  const disposeAll = async (): Promise<void> => {
    for (const dispose of [...registry.disposers].reverse()) {
      registry.disposers.delete(dispose);
      try {
        await dispose();
      } catch (error) {
        console.error(`stopping: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    deadline = setTimeout(() => {
      console.error(`Stopping took longer than ${disposeDeadlineMs / 1000} s; exiting anyway.`);
      resolve();
    }, disposeDeadlineMs);
  });
  await Promise.race([disposeAll(), timedOut]);
  clearTimeout(deadline);
  // process.exit runs the 'exit' hooks below (and Playwright's), which kill what is still left.
  process.exit(128 + constants.signals[signal]);
}

/**
 * Runs `dispose` if the run is interrupted. Returns a function that unregisters it, for when
 * the thing was stopped the ordinary way. Registering installs the signal handlers, so any
 * process that starts something through the harness stops it when interrupted.
 */
export function disposeOnInterrupt(dispose: Disposer): () => void {
  installHandlers();
  registry.disposers.add(dispose);
  return () => {
    registry.disposers.delete(dispose);
  };
}

/** Sends `signal` to every process in the group that `pid` leads (a child spawned detached). */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * SIGKILLs the process group `pid` leads when this process exits, unless the returned function
 * was called first. 'exit' hooks must be synchronous; a kill is.
 */
export function killProcessGroupOnExit(pid: number, alsoOnExit?: () => void): () => void {
  const onExit = (): void => {
    signalProcessGroup(pid, 'SIGKILL');
    alsoOnExit?.();
  };
  process.once('exit', onExit);
  return () => {
    process.removeListener('exit', onExit);
  };
}
