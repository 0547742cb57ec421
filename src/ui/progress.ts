import * as vscode from 'vscode';
import { plexFailure } from '../plex/failure';
import { plainText } from './plainText';

export interface ProgressReporter {
  report(message: string): void;
}

/**
 * The work still running: each progress (its controller and title) and each delay() timer (the
 * function that cancels it). Deactivation stops all of it (stopAllWork), so no request, poll or
 * spinner outlives the extension.
 */
export interface RunningWork {
  readonly progress: Map<AbortController, string>;
  readonly delays: Set<() => void>;
}

export const runningWork: RunningWork = { progress: new Map(), delays: new Set() };

/** Cancels every running progress and pending delay, as their Cancel buttons would. */
export function stopAllWork(): void {
  runningWork.progress.forEach((_title, controller) => controller.abort());
  runningWork.delays.forEach((cancel) => cancel());
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
  runningWork.progress.set(controller, title);
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
      runningWork.progress.delete(controller);
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

/** Resolves after `ms`, or rejects at once when `signal` aborts or all work stops; leaves no timer behind. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(plexFailure('cancelled', 'Cancelled'));
      return;
    }
    const settle = () => {
      runningWork.delays.delete(cancel);
      signal.removeEventListener('abort', cancel);
    };
    const cancel = () => {
      clearTimeout(timer);
      settle();
      reject(plexFailure('cancelled', 'Cancelled'));
    };
    const timer = setTimeout(() => {
      settle();
      resolve();
    }, ms);
    runningWork.delays.add(cancel);
    signal.addEventListener('abort', cancel, { once: true });
  });
}
