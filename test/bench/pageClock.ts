// Timestamps taken inside the workbench page, so a measured interval is what the page saw, not
// when Playwright got round to looking: Enter and mouse presses (a command's start), clipboard
// writes (a copy's end) and the first moment a condition held in the DOM (a tree's update).
// Page code is written as strings: tsconfig has no DOM lib (the extension must not use it).
import type { BrowserContext, Page } from 'playwright-core';

export type PageMarkKind = 'enter' | 'mousedown' | 'clipboard';

export interface PageMark {
  kind: PageMarkKind;
  /** performance.now() in the page. */
  t: number;
  /** For clipboard marks: whether the text was a Plex transient token (never the text itself). */
  transient?: boolean;
}

/** Installed before the workbench loads; wraps the clipboard API the workbench writes through. */
const initScript = `(() => {
  if (window !== window.top || window.__plexBench) return;
  const bench = { marks: [], watches: {} };
  window.__plexBench = bench;
  const mark = (kind, extra) => bench.marks.push({ kind, t: performance.now(), ...extra });
  document.addEventListener('keydown', (event) => { if (event.key === 'Enter') mark('enter'); }, true);
  document.addEventListener('mousedown', () => mark('mousedown'), true);
  const clipboard = navigator.clipboard;
  if (clipboard) {
    const writeText = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (text) => {
      mark('clipboard', { transient: String(text).startsWith('transient-') });
      return writeText(text);
    };
  }
})();`;

export async function installPageClock(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: initScript });
}

export async function pageNow(page: Page): Promise<number> {
  return page.evaluate('performance.now()');
}

/** Marks of `kind` at or after page time `since`, oldest first. */
export async function marksSince(page: Page, kind: PageMarkKind, since: number): Promise<PageMark[]> {
  const marks = await page.evaluate<PageMark[]>('window.__plexBench.marks');
  return marks.filter((mark) => mark.kind === kind && mark.t >= since);
}

/** A tree row to wait for: in the side-bar pane whose title starts with `pane`, a row containing `text`. */
export interface RowCondition {
  pane: string;
  text: string;
}

/**
 * Starts watching, in the page, for `holds` (page code: an expression giving a function that says
 * whether the condition holds); the page records the first moment it does (a MutationObserver
 * callback, so within the same task as the DOM change), read with `watchedAt(page, id)`. Install
 * before the action, so no update can slip past.
 */
async function watchUntil(page: Page, id: string, holds: string): Promise<void> {
  await page.evaluate(
    `(() => {
      const bench = window.__plexBench;
      delete bench.watches[${JSON.stringify(id)}];
      const holds = ${holds};
      const observer = new MutationObserver(() => {
        if (holds()) {
          bench.watches[${JSON.stringify(id)}] = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    })()`,
  );
}

/** Watches for all `rows` to be present (see watchUntil). */
export async function watchRows(page: Page, id: string, rows: RowCondition[]): Promise<void> {
  await watchUntil(
    page,
    id,
    `(() => {
      const rows = ${JSON.stringify(rows)};
      const paneFor = (title) => [...document.querySelectorAll('.pane')].find((pane) =>
        (pane.querySelector('.pane-header')?.textContent ?? '').trim().toLowerCase().startsWith(title.toLowerCase()));
      return () => rows.every((row) => {
        const pane = paneFor(row.pane);
        return pane !== undefined && [...pane.querySelectorAll('.monaco-list-row')].some((r) => (r.textContent ?? '').includes(row.text));
      });
    })()`,
  );
}

/** Watches for a notification toast whose message contains `text` (see watchUntil). */
export async function watchNotification(page: Page, id: string, text: string): Promise<void> {
  await watchUntil(
    page,
    id,
    `() => [...document.querySelectorAll('.notification-toast .notification-list-item-message')]
      .some((message) => (message.textContent ?? '').includes(${JSON.stringify(text)}))`,
  );
}

/** Watches for a status bar item whose text contains `text` (see watchUntil). */
export async function watchStatusBarItem(page: Page, id: string, text: string): Promise<void> {
  await watchUntil(
    page,
    id,
    `() => [...document.querySelectorAll('.statusbar-item')].some((item) => (item.textContent ?? '').includes(${JSON.stringify(text)}))`,
  );
}

/** The page time a watch saw its condition, or undefined while it has not. */
export async function watchedAt(page: Page, id: string): Promise<number | undefined> {
  return page.evaluate<number | undefined>(`window.__plexBench.watches[${JSON.stringify(id)}]`);
}
