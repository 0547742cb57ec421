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
 * Starts watching, in the page, for all `rows` to be present; the page records the first moment
 * they are (a MutationObserver callback, so within the same task as the DOM change). Returns a
 * handle to read that moment. Install before the action, so no update can slip past.
 */
export async function watchRows(page: Page, id: string, rows: RowCondition[]): Promise<void> {
  await page.evaluate(
    `(() => {
      const rows = ${JSON.stringify(rows)};
      const bench = window.__plexBench;
      delete bench.watches[${JSON.stringify(id)}];
      const paneFor = (title) => [...document.querySelectorAll('.pane')].find((pane) =>
        (pane.querySelector('.pane-header')?.textContent ?? '').trim().toLowerCase().startsWith(title.toLowerCase()));
      const holds = () => rows.every((row) => {
        const pane = paneFor(row.pane);
        return pane !== undefined && [...pane.querySelectorAll('.monaco-list-row')].some((r) => (r.textContent ?? '').includes(row.text));
      });
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

/** The page time `watchRows(id)` saw its rows, or undefined while it has not. */
export async function watchedAt(page: Page, id: string): Promise<number | undefined> {
  return page.evaluate<number | undefined>(`window.__plexBench.watches[${JSON.stringify(id)}]`);
}
