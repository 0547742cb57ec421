// What a person does and sees in the workbench, as Playwright calls. Selectors are VS Code
// 1.100's DOM (verified against code-server 4.100.3). Every wait has a timeout and says what it
// waited for.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { docsScreenshotsDir, testResultsDir, walkthroughMediaDir } from '../harness/paths';
import { currentVersion, documentedVersion } from '../harness/vscodeVersions';
import { waitFor } from '../harness/waitFor';

export const defaultTimeoutMs = 15_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An exact, whole-text match for a string; a RegExp as given. */
function textMatcher(text: string | RegExp): RegExp {
  return typeof text === 'string' ? new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) : text;
}

/** Waits until `locator` is visible; on timeout the error names `what`. */
export async function waitVisible(locator: Locator, what: string, timeoutMs = defaultTimeoutMs): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (error) {
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`, { cause: error });
  }
  return locator.first();
}

export async function waitHidden(locator: Locator, what: string, timeoutMs = defaultTimeoutMs): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout: timeoutMs });
  } catch (error) {
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} to go away`, { cause: error });
  }
}

/** The workbench is laid out and the extension host is connected (the remote indicator is up). */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await waitVisible(page.locator('.monaco-workbench .part.statusbar'), 'the workbench status bar', timeoutMs);
  await waitVisible(page.locator('.monaco-workbench .part.activitybar'), 'the workbench activity bar', timeoutMs);
}

// ---- Command palette and quick inputs ----

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** The open quick input's text box. */
export function quickInputBox(page: Page): Locator {
  return quickInput(page).locator('.quick-input-box input');
}

function quickPickRows(page: Page): Locator {
  return quickInput(page).locator('.quick-input-list .monaco-list-row');
}

/** An item's label; a second row, when present, holds its detail. */
const quickPickLabelSelector = '.quick-input-list-rows > .quick-input-list-row:first-child .label-name';

function quickPickRow(page: Page, label: string | RegExp): Locator {
  return quickPickRows(page).filter({ has: page.locator(quickPickLabelSelector, { hasText: textMatcher(label) }) });
}

/** F1, as a person opens the command palette; the input starts with ">". */
async function openCommandPalette(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  await waitVisible(quickInputBox(page), 'the command palette');
}

/**
 * Opens the palette and types `text` into it. A quick input closes when it loses focus, and the
 * workbench can move focus just after the palette opened (an input box closing, a view taking
 * its focus back); then the palette is opened again, as a person would, at most three times.
 */
async function typeInCommandPalette(page: Page, text: string): Promise<void> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    await openCommandPalette(page);
    try {
      await quickInputBox(page).fill(text, { timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === attempts) {
        throw new Error(`The command palette closed before "${text}" could be typed, ${attempts} times`, { cause: error });
      }
    }
  }
}

/** Opens the palette, types `title` and runs the command whose label is exactly `title` ("Plex: Sign In"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await typeInCommandPalette(page, `>${title}`);
  const row = await waitVisible(quickPickRow(page, title), `the command "${title}" in the command palette`);
  await row.click();
  await waitHidden(quickPickRow(page, title), `the command palette row "${title}"`);
}

/** The command labels the palette shows for `filter` (e.g. "Plex:"); closes the palette. */
export async function commandPaletteTitles(page: Page, filter: string): Promise<string[]> {
  await typeInCommandPalette(page, `>${filter}`);
  await waitVisible(quickPickRows(page), `command palette results for "${filter}"`);
  const titles = await quickPickRows(page).locator(quickPickLabelSelector).allInnerTexts();
  await page.keyboard.press('Escape');
  await waitHidden(quickInputBox(page), 'the command palette');
  return titles.map((title) => title.trim());
}

/**
 * Types `value` into the open input box (password boxes included) and presses Enter. With
 * `prompt`, first waits until the box shows that prompt (placeholder, title or message), so an
 * answer never lands in the previous question's box.
 */
export async function answerQuickInput(page: Page, value: string, options: { prompt?: string | RegExp; timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const box = await waitVisible(quickInputBox(page), 'an input box', timeoutMs);
  if (options.prompt !== undefined) {
    await waitForQuickInputPrompt(page, options.prompt, timeoutMs);
  }
  await box.fill(value);
  await box.press('Enter');
}

/** The texts that can carry a quick input's question. */
async function quickInputPromptTexts(page: Page): Promise<string[]> {
  const widget = quickInput(page);
  const input = widget.locator('.quick-input-box input').first();
  const attributes = await Promise.all([input.getAttribute('placeholder'), input.getAttribute('aria-label')]).catch(() => []);
  const visibleTexts = await widget.locator('.quick-input-title, .quick-input-description, .quick-input-message').allInnerTexts();
  return [...attributes, ...visibleTexts].filter((text): text is string => typeof text === 'string' && text.trim() !== '');
}

/** Waits until the quick input's placeholder, title, description or message shows `prompt`. */
export async function waitForQuickInputPrompt(page: Page, prompt: string | RegExp, timeoutMs = defaultTimeoutMs): Promise<void> {
  const matcher = typeof prompt === 'string' ? new RegExp(escapeRegExp(prompt)) : prompt;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await quickInputPromptTexts(page);
    if (texts.some((text) => matcher.test(text))) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for an input box asking ${String(prompt)}; it shows ${JSON.stringify(texts)}`);
    }
    await page.waitForTimeout(50);
  }
}

/** Picks the quick pick item whose label is `label` (exact string or RegExp). */
export async function pickQuickItem(page: Page, label: string | RegExp, timeoutMs = defaultTimeoutMs): Promise<void> {
  const row = await waitVisible(quickPickRow(page, label), `the choice "${String(label)}" in a quick pick`, timeoutMs);
  await row.click();
}

/** The labels of the open quick pick's items. */
export async function quickPickLabels(page: Page): Promise<string[]> {
  await waitVisible(quickPickRows(page), 'quick pick items');
  return (await quickPickRows(page).locator(quickPickLabelSelector).allInnerTexts()).map((label) => label.trim());
}

// ---- Status bar ----

export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.statusbar-item').filter({ hasText: typeof text === 'string' ? text : text });
}

/** The visible texts of all status bar items (icons excluded), left to right. */
export async function statusBarTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('.statusbar-item').allInnerTexts();
  return texts.map((text) => text.trim()).filter((text) => text !== '');
}

export async function waitForStatusBarItem(page: Page, text: string | RegExp, timeoutMs = defaultTimeoutMs): Promise<Locator> {
  return waitVisible(statusBarItem(page, text), `a status bar item showing ${String(text)}`, timeoutMs);
}

// ---- Notifications and dialogs ----

function notificationToasts(page: Page): Locator {
  return page.locator('.notification-toast');
}

/** Messages of the notification toasts on screen, newest last. */
export async function notificationTexts(page: Page): Promise<string[]> {
  const texts = await notificationToasts(page).locator('.notification-list-item-message').allInnerTexts();
  return texts.map((text) => text.trim());
}

/** Waits for a toast whose message contains `text`; returns the toast. */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = defaultTimeoutMs): Promise<Locator> {
  const toast = notificationToasts(page).filter({ has: page.locator('.notification-list-item-message', { hasText: text }) });
  return waitVisible(toast, `a notification saying ${String(text)}`, timeoutMs);
}

/**
 * Clears every notification and waits until no toast is left. runCommand returns when the palette
 * closes, which can be before the command ran; without this wait a later toast could be cleared.
 */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await waitHidden(notificationToasts(page), 'the notification toasts');
}

/** Clicks `button` on the toast whose message contains `text`. */
export async function clickNotificationButton(page: Page, text: string | RegExp, button: string): Promise<void> {
  const toast = await waitForNotification(page, text);
  await (await waitVisible(toast.locator('.monaco-button', { hasText: textMatcher(button) }), `the "${button}" button on the notification`)).click();
}

/** Clicks `button` in a modal dialog (e.g. a confirmation, or the "open external website?" dialog). */
export async function answerDialog(page: Page, button: string, timeoutMs = defaultTimeoutMs): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  const target = await waitVisible(dialog.locator('.monaco-button', { hasText: textMatcher(button) }), `a dialog with a "${button}" button`, timeoutMs);
  await target.click();
  await waitHidden(dialog, 'the dialog');
}

/** The message of the open modal dialog (a dialog without a detail shows its message in the detail's place). */
export async function dialogMessage(page: Page): Promise<string> {
  const dialog = await waitVisible(page.locator('.monaco-dialog-box'), 'a dialog');
  return (await dialog.locator('.dialog-message-text, .dialog-message-detail').first().innerText()).trim();
}

/**
 * The approval page, once approved, sends the browser to its forwardUrl: in code-server, the
 * workbench's callback page, which hands the URI to the extension's URI handler and says so.
 */
export async function waitForReturnToWorkbench(approval: Page, timeoutMs = defaultTimeoutMs): Promise<void> {
  await waitVisible(approval.getByText('You can close this page now.'), "the workbench's callback page after approval", timeoutMs);
}

/**
 * After "Sign In with Browser": allows VS Code to open the page, approves as `username` on the
 * stand-in's approval page, waits for the page to send the browser back to the workbench, and
 * closes that tab.
 */
export async function approveBrowserSignIn(page: Page, context: BrowserContext, username: string): Promise<void> {
  const approvalPage = context.waitForEvent('page', { timeout: defaultTimeoutMs });
  await answerDialog(page, 'Open');
  const approval = await approvalPage;
  await approval.getByRole('button', { name: `Sign in as ${username}` }).click();
  await waitForReturnToWorkbench(approval);
  await approval.close();
}

// ---- Activity bar, views, trees ----

/** Clicks an activity bar entry by its title, e.g. "Plex". */
export async function clickActivityBarItem(page: Page, title: string): Promise<void> {
  const item = page.locator(`.activitybar .action-item a[aria-label="${title}"], .activitybar .action-item a[aria-label^="${title} ("]`);
  await (await waitVisible(item, `the activity bar entry "${title}"`)).click();
}

/**
 * Shows a view container's views (e.g. "Plex") with its "View: Show ..." command: unlike a click
 * on its activity bar entry, never closes them when they are already shown (or being restored).
 */
export async function showViewContainer(page: Page, title: string): Promise<void> {
  await runCommand(page, `View: Show ${title}`);
  await waitVisible(page.locator('.part.sidebar .composite.title', { hasText: title }), `the side bar showing ${title}`);
}

/** A view's pane in the side bar, by its header title (e.g. "Account"). */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: textMatcher(new RegExp(`^\\s*${escapeRegExp(title)}`, 'i')) }) });
}

/** Expands a collapsed view by clicking its header (a view already expanded stays so). */
export async function expandViewPane(page: Page, title: string): Promise<void> {
  const header = await waitVisible(viewPane(page, title).locator('.pane-header'), `the header of the ${title} view`);
  if ((await header.getAttribute('aria-expanded')) !== 'true') {
    await header.click();
  }
  await waitVisible(viewPane(page, title).locator('.pane-header[aria-expanded="true"]'), `the ${title} view expanded`);
}

/** Collapses an expanded view by clicking its header, making room for the others. */
export async function collapseViewPane(page: Page, title: string): Promise<void> {
  const header = await waitVisible(viewPane(page, title).locator('.pane-header'), `the header of the ${title} view`);
  if ((await header.getAttribute('aria-expanded')) === 'true') {
    await header.click();
  }
  await waitVisible(viewPane(page, title).locator('.pane-header[aria-expanded="false"]'), `the ${title} view collapsed`);
}

/** Drags the side bar's edge `pixels` to the right, as a person widens it for long rows. */
export async function widenSideBar(page: Page, pixels: number): Promise<void> {
  const sideBar = await waitVisible(page.locator('.part.sidebar'), 'the side bar');
  const before = await sideBar.boundingBox();
  if (before === null) {
    throw new Error('The side bar has no size');
  }
  const edge = { x: before.x + before.width, y: before.y + before.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(edge.x + pixels, edge.y, { steps: 5 });
  await page.mouse.up();
  // Away from the edge, which stays highlighted while the pointer is on it.
  await page.mouse.move(edge.x + pixels + 200, edge.y);
  await waitHidden(page.locator('.monaco-sash.hover, .monaco-sash.active'), 'the highlight of the side bar edge');
  // A drag can scroll a box around the workbench by a few pixels; a person's screen never shows that.
  await page.evaluate(() => {
    type Box = { scrollTop: number; scrollLeft: number; parentElement: Box | null };
    const page = globalThis as unknown as { document: { querySelector(selector: string): Box | null } };
    for (const part of ['.part.titlebar', '.part.activitybar', '.part.sidebar']) {
      for (let box = page.document.querySelector(part); box !== null; box = box.parentElement) {
        box.scrollTop = 0;
        box.scrollLeft = 0;
      }
    }
  });
  const after = await sideBar.boundingBox();
  if (after === null || after.width <= before.width) {
    throw new Error(`The side bar did not get wider (${before.width} px before, ${after?.width ?? 0} px after)`);
  }
}

/** Clicks a button in a view's welcome content (shown while the view has no items). */
export async function clickWelcomeButton(page: Page, viewTitle: string, label: string): Promise<void> {
  const button = viewPane(page, viewTitle).locator('.welcome-view-content .monaco-button', { hasText: textMatcher(label) });
  await (await waitVisible(button, `the "${label}" button in the ${viewTitle} view`)).click();
}

function treeRows(page: Page, viewTitle?: string): Locator {
  const scope = viewTitle === undefined ? page.locator('.part.sidebar, .part.auxiliarybar, .part.panel') : viewPane(page, viewTitle);
  return scope.locator('.monaco-list-row');
}

export interface TreeItemText {
  label: string;
  /** The dimmed text after the label; '' when none. */
  description: string;
}

interface TreeRowElement {
  querySelector(selector: string): { textContent: string | null } | null;
}

/** The rendered rows of a tree view (the whole side bar when no view is named), top to bottom. */
export async function treeItems(page: Page, viewTitle?: string): Promise<TreeItemText[]> {
  // Runs in the page; tsconfig has no DOM lib (the extension must not use it), hence the shape.
  return treeRows(page, viewTitle).evaluateAll((rows) =>
    (rows as unknown as TreeRowElement[]).map((row) => ({
      label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
    })),
  );
}

/** Rows as "label description" strings, e.g. "Username alice". */
export async function treeRowTexts(page: Page, viewTitle?: string): Promise<string[]> {
  return (await treeItems(page, viewTitle)).map((item) => (item.description === '' ? item.label : `${item.label} ${item.description}`));
}

/** Waits for a tree row containing `text`; returns it. */
export async function waitForTreeRow(page: Page, text: string | RegExp, viewTitle?: string, timeoutMs = defaultTimeoutMs): Promise<Locator> {
  return waitVisible(treeRows(page, viewTitle).filter({ hasText: text }), `a tree row with ${String(text)}${viewTitle === undefined ? '' : ` in ${viewTitle}`}`, timeoutMs);
}

/**
 * Scrolls a view's tree until a row containing `text` is rendered; returns it. A tree renders only
 * the rows its pane shows, and a pane may be shorter than its rows (VS Code 1.139 keeps a view at
 * the height it had while it showed its welcome content).
 */
export async function scrollToTreeRow(page: Page, text: string | RegExp, viewTitle: string, timeoutMs = defaultTimeoutMs): Promise<Locator> {
  const row = treeRows(page, viewTitle).filter({ hasText: text });
  await viewPane(page, viewTitle).locator('.monaco-list').first().hover();
  await waitFor(
    async () => {
      if ((await row.count()) > 0) {
        return true;
      }
      await page.mouse.wheel(0, 60);
      return undefined;
    },
    { description: `a tree row with ${String(text)} in ${viewTitle}`, timeoutMs },
  );
  return waitVisible(row, `a tree row with ${String(text)} in ${viewTitle}`, timeoutMs);
}

/** Clicks the tree row containing `text` (expands/collapses it, or runs its command). */
export async function clickTreeRow(page: Page, text: string | RegExp, viewTitle?: string): Promise<Locator> {
  const row = await waitForTreeRow(page, text, viewTitle);
  await row.click();
  return row;
}

/** Clicks one of a tree row's inline action buttons, by its title (hover text). */
export async function clickTreeRowAction(page: Page, text: string | RegExp, actionTitle: string, viewTitle?: string): Promise<void> {
  const row = await waitForTreeRow(page, text, viewTitle);
  await row.hover();
  const action = row.locator(`.actions .action-label[aria-label="${actionTitle}"]`);
  await (await waitVisible(action, `the "${actionTitle}" action on the row ${String(text)}`)).click();
}

// ---- Panel ----

/** Waits until the Output panel is open on the channel `name` (e.g. "Plex"). */
export async function waitForOutputChannel(page: Page, name: string, timeoutMs = defaultTimeoutMs): Promise<void> {
  const select = page.locator('.part.panel select.monaco-select-box');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = (await select.count()) > 0 && (await select.first().isVisible()) ? await select.first().inputValue() : undefined;
    if (shown === name) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for the Output panel to show "${name}"; it shows ${shown ?? 'no channel'}`);
    }
    await page.waitForTimeout(50);
  }
}

// ---- Clipboard and screenshots ----

/** What the system clipboard holds (the workbench context has clipboard permissions). */
export async function readClipboard(page: Page): Promise<string> {
  await page.bringToFront();
  // Runs in the page; tsconfig has no DOM lib (the extension must not use it), hence the shape.
  return page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
}

/** Waits until the clipboard satisfies `accept`; returns its text. */
export async function waitForClipboard(page: Page, accept: (text: string) => boolean, what: string, timeoutMs = defaultTimeoutMs): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readClipboard(page);
    if (accept(text)) {
      return text;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for the clipboard to hold ${what}`);
    }
    await page.waitForTimeout(50);
  }
}

/**
 * Saves a screenshot of a main state. With PLEX_UPDATE_SCREENSHOTS=1 (`npm run screenshots`) the
 * documented (newest) VS Code's go to docs/screenshots/, which the README shows; otherwise to
 * test-results/screenshots/<VS Code version>/, so an ordinary test run leaves the tracked files alone.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const version = currentVersion();
  const documented = process.env.PLEX_UPDATE_SCREENSHOTS === '1' && version === documentedVersion;
  const dir = documented ? docsScreenshotsDir : join(testResultsDir, 'screenshots', version.vscode);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Saves a picture of the part of the page the `parts` cover (every match of each, with a small margin) for the
 * walkthrough: to media/walkthrough/ with PLEX_UPDATE_SCREENSHOTS=1, else to
 * test-results/screenshots/walkthrough/. Only that part, so the packaged images stay small.
 */
export async function saveWalkthroughImage(page: Page, name: string, parts: readonly Locator[]): Promise<string> {
  const margin = 2;
  const matches = await Promise.all(
    parts.map(async (part) => {
      await waitVisible(part, `the part of the page pictured in ${name}`);
      return part.all();
    }),
  );
  const boxes = await Promise.all(matches.flat().map((match) => match.boundingBox()));
  const shown = boxes.filter((box): box is NonNullable<typeof box> => box !== null && box.width > 0 && box.height > 0);
  if (shown.length === 0) {
    throw new Error(`Nothing to picture for ${name}`);
  }
  const viewport = page.viewportSize() ?? { width: Number.MAX_SAFE_INTEGER, height: Number.MAX_SAFE_INTEGER };
  const left = Math.max(0, Math.min(...shown.map((box) => box.x)) - margin);
  const top = Math.max(0, Math.min(...shown.map((box) => box.y)) - margin);
  const right = Math.min(viewport.width, Math.max(...shown.map((box) => box.x + box.width)) + margin);
  const bottom = Math.min(viewport.height, Math.max(...shown.map((box) => box.y + box.height)) + margin);
  const dir = process.env.PLEX_UPDATE_SCREENSHOTS === '1' ? walkthroughMediaDir : join(testResultsDir, 'screenshots', 'walkthrough');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, clip: { x: left, y: top, width: right - left, height: bottom - top } });
  return file;
}

// ---- Settings editor ----

/** Whether the VS Code under test is 1.130 or newer, whose workbench behaves differently in places. */
export function isVscode130OrNewer(): boolean {
  const [major = 0, minor = 0] = currentVersion().vscode.split('.').map(Number);
  return major > 1 || minor >= 130;
}

/**
 * Sets a boolean user setting as a person does: Preferences: Open User Settings, search for its
 * id, tick or untick the checkbox of the setting whose title contains `title` (as the editor shows it, e.g.
 * "Plex › Jwt: Enabled"); then closes the Settings editor.
 */

export async function setBooleanSetting(page: Page, id: string, title: string, value: boolean): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings');
  const editor = await waitVisible(page.locator('.settings-editor'), 'the Settings editor');
  await waitVisible(editor.locator('.settings-header .suggest-input-container'), 'the settings search box');
  await page.keyboard.type(id);
  const row = editor.locator('.setting-item-bool').filter({ has: page.locator('.setting-item-title', { hasText: title }) });
  const checkbox = await waitVisible(row.locator('.setting-value-checkbox'), `the checkbox of the setting ${id} ("${title}")`);
  const wanted = String(value);
  if ((await checkbox.getAttribute('aria-checked')) !== wanted) {
    await checkbox.click();
  }
  await waitVisible(row.locator(`.setting-value-checkbox[aria-checked="${wanted}"]`), `the setting ${id} shown as ${wanted}`);
  // From 1.13x the editor writes the settings file a moment later, and closing it first drops the
  // change: wait for the row marked as set. VS Code 1.100 writes on the click and marks rows otherwise.
  if (isVscode130OrNewer()) {
    const written = editor.locator('.is-configured').filter({ has: page.locator('.setting-item-title', { hasText: title }) });
    await waitVisible(written, `the setting ${id} marked as set in the user settings`);
  }
  // VS Code 1.13x opens the Settings editor in a modal over the workbench: Escape closes it, and
  // the command palette does not open above it. Before, it is an editor Escape leaves open.
  await page.keyboard.press('Escape');
  const closedByEscape = await editor.waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false);
  if (!closedByEscape) {
    await runCommand(page, 'View: Close All Editors');
  }
  await waitHidden(page.locator('.settings-editor'), 'the Settings editor');
}
