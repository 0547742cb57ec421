import type * as vscode from 'vscode';

/** When plex.tv last saw the account token used, in epoch ms: shared by every window, never the token. */
const LAST_TOKEN_USE_KEY = 'plex.lastTokenUse';
/** A use is recorded at most this often, so a busy session does not write globalState on every request. */
const RECORD_EVERY_MS = 60 * 60 * 1000;
/** The first look for token upkeep waits until start-up has settled; then it looks hourly. */
const FIRST_LOOK_MS = 60 * 1000;
const LOOK_EVERY_MS = 60 * 60 * 1000;

export function lastTokenUse(globalState: vscode.Memento): number | undefined {
  const value = globalState.get<unknown>(LAST_TOKEN_USE_KEY);
  return typeof value === 'number' ? value : undefined;
}

export function setLastTokenUse(globalState: vscode.Memento, at: number | undefined): Thenable<void> {
  return globalState.update(LAST_TOKEN_USE_KEY, at);
}

/** plex.tv accepted the account token at `now`. */
export function recordTokenUse(globalState: vscode.Memento, now: number): void {
  const last = lastTokenUse(globalState);
  if (last === undefined || now - last >= RECORD_EVERY_MS) {
    void setLastTokenUse(globalState, now);
  }
}

/** Calls `look` once start-up has settled, then hourly; never during activation. A look that throws, even at once, does not stop the next. */
export function scheduleUpkeep(look: () => Promise<unknown>, firstLookMs = FIRST_LOOK_MS, lookEveryMs = LOOK_EVERY_MS): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = (delay: number) => {
    timer = setTimeout(() => {
      void new Promise((resolve) => resolve(look()))
        .catch(() => undefined)
        .finally(() => next(lookEveryMs));
    }, delay);
  };
  next(firstLookMs);
  return { dispose: () => clearTimeout(timer) };
}
