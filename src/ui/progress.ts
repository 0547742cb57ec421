import * as vscode from 'vscode';
import { plainText } from './plainText';

export interface ProgressReporter {
  report(message: string): void;
}

// What is still running, so the tests can prove no spinner or poll timer outlives its action
// (read through the testing API in ExtensionMode.Test only).
const runningProgress = new Set<AbortController>();
let pendingDelays = 0;

/** Progress notifications (withCancellableProgress) that have not settled yet. */
export function activeProgressCount(): number {
  return runningProgress.size;
}

/** delay() timers (the browser sign-in's PIN polling) that have not fired or been cancelled. */
export function pendingDelayCount(): number {
  return pendingDelays;
}

/** Cancels every running progress, as its Cancel button would: a test cannot click it. */
export function cancelAllProgress(): void {
  runningProgress.forEach((controller) => controller.abort());
}

/**
 * Runs a network task in a cancellable notification. Cancelling aborts the task's signal; the
 * notification closes when the task settles, however it settles, so no spinner is left behind.
 */
export function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, progress: ProgressReporter) => Promise<T>,
  location: vscode.ProgressLocation | { viewId: string } = vscode.ProgressLocation.Notification,
): Promise<T> {
  return Promise.resolve(
    // Titles may name a server, which chose its own name; the messages reported during the task
    // are the extension's own and may carry links (e.g. "Copy link").
    vscode.window.withProgress({ location, title: plainText(title), cancellable: true }, async (progress, cancellation) => {
      const controller = new AbortController();
      const subscription = cancellation.onCancellationRequested(() => controller.abort());
      runningProgress.add(controller);
      try {
        return await task(controller.signal, { report: (message) => progress.report({ message }) });
      } finally {
        runningProgress.delete(controller);
        subscription.dispose();
      }
    }),
  );
}

/** Resolves after `ms`, or rejects at once when `signal` aborts; leaves no timer behind. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      pendingDelays--;
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      pendingDelays--;
      resolve();
    }, ms);
    pendingDelays++;
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Shaped like the service layer's PlexCancelledError, so one check covers both. */
export function cancelled(): Error & { kind: 'cancelled' } {
  return Object.assign(new Error('Cancelled'), { kind: 'cancelled' as const });
}
