import * as vscode from 'vscode';
import { plexFailure } from '../plex/failure';
import { plainText } from './plainText';

export interface ProgressReporter {
  report(message: string): void;
}

// What is still running, so the tests can prove no spinner or poll timer outlives its action
// (read through the testing API in ExtensionMode.Test only).
const runningProgress = new Map<AbortController, string>();
let pendingDelays = 0;

/** Progress notifications (withCancellableProgress) that have not settled yet. */
export function activeProgressCount(): number {
  return runningProgress.size;
}

/** delay() timers (the browser sign-in's PIN polling) that have not fired or been cancelled. */
export function pendingDelayCount(): number {
  return pendingDelays;
}

/** Cancels every running progress (or those with this title), as its Cancel button would: a test cannot click it. */
export function cancelAllProgress(title?: string): void {
  runningProgress.forEach((shownTitle, controller) => {
    if (title === undefined || shownTitle === title) {
      controller.abort();
    }
  });
}

/**
 * How long a task runs before its notification appears. Most requests finish sooner, and a
 * notification that flashes up and away costs the workbench more than the request itself (the
 * same reason VS Code's own progress service has a delay option).
 */
const NOTIFICATION_DELAY_MS = 250;

/**
 * Runs a network task with cancellable progress: in a notification once it has run for
 * NOTIFICATION_DELAY_MS, or at once in a view. Cancelling aborts the task's signal; the progress
 * closes when the task settles, however it settles, so no spinner is left behind.
 */
export function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, progress: ProgressReporter) => Promise<T>,
  location: vscode.ProgressLocation | { viewId: string } = vscode.ProgressLocation.Notification,
): Promise<T> {
  const controller = new AbortController();
  runningProgress.set(controller, title);
  let shown: vscode.Progress<{ message?: string }> | undefined;
  let lastMessage: string | undefined;
  const reporter: ProgressReporter = {
    report: (message) => {
      lastMessage = message;
      shown?.report({ message });
    },
  };
  const running = (async () => {
    try {
      return await task(controller.signal, reporter);
    } finally {
      runningProgress.delete(controller);
    }
  })();
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  const show = () => {
    // Titles may name a server, which chose its own name; the messages reported during the task
    // are the extension's own and may carry links (e.g. "Copy link").
    void vscode.window.withProgress({ location, title: plainText(title), cancellable: true }, (progress, cancellation) => {
      shown = progress;
      if (lastMessage !== undefined) {
        progress.report({ message: lastMessage });
      }
      const subscription = cancellation.onCancellationRequested(() => controller.abort());
      return settled.finally(() => subscription.dispose());
    });
  };
  if (location === vscode.ProgressLocation.Notification) {
    const timer = setTimeout(show, NOTIFICATION_DELAY_MS);
    void settled.then(() => clearTimeout(timer));
  } else {
    show();
  }
  return running;
}

/** Resolves after `ms`, or rejects at once when `signal` aborts; leaves no timer behind. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(plexFailure('cancelled', 'Cancelled'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      pendingDelays--;
      reject(plexFailure('cancelled', 'Cancelled'));
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
