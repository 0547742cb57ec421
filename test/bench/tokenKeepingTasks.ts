// Keeping a token alive: the classic token's upkeep ping, then the JWT preview's
// browser sign-in and a renewal. Upkeep and renewal are the look Plex's timer runs a minute after
// start-up and hourly; the bench runs that same look on demand through the clocked build's bench
// command (clocked-build/benchCommands.ts), so a window need not wait out the timer.
import type { Page } from 'playwright-core';
import { clearNotifications, runCommand, waitForNotification, waitVisible } from '../e2e/ui';
import type { TaskRequests } from './requests';
import type { TaskName } from './results';
import { browserSignIn, counted, showExplorer, signOut } from './steps';
import type { BenchWindow } from './window';

async function look(window: BenchWindow, lastUseDayAgo: boolean, expected: string): Promise<void> {
  const outcome = await window.upkeepLook({ lastUseDayAgo });
  if (outcome !== expected) {
    // e.g. the timer's own look got there first: the count would not be the look's.
    throw new Error(`Plex's token upkeep look answered "${outcome}", not "${expected}"`);
  }
}

/** Signed in with a classic token: a look when a day unused pings, and the next one does not. */
export async function runUpkeepTasks(window: BenchWindow): Promise<Pick<Record<TaskName, TaskRequests>, 'upkeepPing' | 'upkeepNotDue'>> {
  const upkeepPing = await counted(window.standIn, () => look(window, true, 'pinged'));
  const upkeepNotDue = await counted(window.standIn, () => look(window, false, 'not-due'));
  return { upkeepPing, upkeepNotDue };
}

/**
 * Turns the preview on as a user does in settings.json: "Preferences: Open User Settings (JSON)",
 * the setting added, saved. (The workbench did not pick up the same file written from outside.)
 */
async function turnOnJwtPreview(window: BenchWindow, page: Page): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  const editor = await waitVisible(page.locator('.editor-instance .monaco-editor .view-lines'), 'the settings.json editor');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify({ ...window.userSettings(), 'plex.jwt.enabled': true }, null, 2));
  await page.keyboard.press('Control+S');
  await runCommand(page, 'View: Close All Editors');
}

/**
 * Signed in with a classic token, Explorer showing: turns the preview on in the user settings
 * (Plex offers to sign in again, which shows the setting took effect), signs out, signs in with
 * the browser as alice and gets a Plex JWT that expires in a minute, then renews it. Ends signed
 * in with the renewed JWT.
 */
export async function runJwtTasks(window: BenchWindow): Promise<Pick<Record<TaskName, TaskRequests>, 'jwtBrowserSignIn' | 'jwtRenewal'>> {
  const { page, standIn } = window;
  await turnOnJwtPreview(window, page);
  await waitForNotification(page, 'The Plex JWT preview is on', 30_000);
  await clearNotifications(page);
  await showExplorer(page);
  await signOut(page);
  standIn.jwt.addFlaw('expires-soon');
  const jwtBrowserSignIn = await counted(standIn, () => browserSignIn(window), { excludePolls: true });
  const jwtRenewal = await counted(standIn, () => look(window, false, 'renewed'));
  return { jwtBrowserSignIn, jwtRenewal };
}
