// UI steps the bench window's parts share: counting a task's requests, timing an action, folding a
// view, signing in with the browser or a password and signing out.
import type { Page } from 'playwright-core';
import { answerDialog, answerQuickInput, runCommand, viewPane, waitForReturnToWorkbench, waitForStatusBarItem, waitVisible } from '../e2e/ui';
import { waitFor } from '../harness/waitFor';
import type { StandIn } from '../standin/types';
import { marksSince, pageNow, type PageMarkKind } from './pageClock';
import { servingMs, settledLog, taskRequests, type TaskRequests } from './requests';
import type { LatencySample } from './results';
import type { BenchWindow } from './window';

/** Runs `task` on a cleared log and returns its requests once the stand-in has gone quiet. */
export async function counted(standIn: StandIn, task: () => Promise<void>, options: { excludePolls?: boolean } = {}): Promise<TaskRequests> {
  standIn.clearLog();
  await task();
  return taskRequests(await settledLog(standIn), options);
}

export async function setPaneExpanded(page: Page, title: string, expanded: boolean): Promise<void> {
  const header = await waitVisible(viewPane(page, title).locator('.pane-header'), `the ${title} view's header`);
  if ((await header.getAttribute('aria-expanded')) !== String(expanded)) {
    await header.click();
  }
  await waitFor(async () => (await header.getAttribute('aria-expanded')) === String(expanded) || undefined, {
    description: `the ${title} view to be ${expanded ? 'expanded' : 'collapsed'}`,
    timeoutMs: 10_000,
  });
}

export async function showExplorer(page: Page): Promise<void> {
  await runCommand(page, 'View: Show Explorer');
}

export async function signOut(page: Page): Promise<void> {
  await runCommand(page, 'Plex: Sign Out');
  await answerDialog(page, 'Sign Out');
  await waitForStatusBarItem(page, 'Sign in to Plex');
}

/** "Plex: Sign In with Browser" as alice, approved on the stand-in's page (classic or JWT PIN alike). */
export async function browserSignIn(window: BenchWindow): Promise<void> {
  const { page, context } = window;
  await runCommand(page, 'Plex: Sign In with Browser');
  const approvalPage = context.waitForEvent('page', { timeout: 30_000 });
  await answerDialog(page, 'Open');
  const approval = await approvalPage;
  await approval.getByRole('button', { name: 'Sign in as alice' }).click();
  await waitForReturnToWorkbench(approval);
  await approval.close();
  await waitForStatusBarItem(page, 'alice', 30_000);
}

export interface Timed {
  requests: TaskRequests;
  latency: LatencySample;
}

/**
 * Times an action in the page: from its first `start` mark (the click or Enter that runs the
 * command) to `end()` (a page time), minus the stand-in's serving time in between.
 */
export async function timed(
  window: BenchWindow,
  start: PageMarkKind,
  act: () => Promise<void>,
  end: (since: number) => Promise<number | undefined>,
): Promise<Timed> {
  const { page, standIn } = window;
  standIn.clearLog();
  const since = await pageNow(page);
  await act();
  const endedAt = await waitFor(() => end(since), { description: 'the UI to show the result', timeoutMs: 30_000, intervalMs: 25 });
  const startedAt = (await marksSince(page, start, since))[0]?.t;
  if (startedAt === undefined) {
    throw new Error(`No ${start} mark: the action did not start the way the bench expects`);
  }
  const entries = await settledLog(standIn);
  const totalMs = endedAt - startedAt;
  const serving = servingMs(entries);
  return { requests: taskRequests(entries), latency: { totalMs, servingMs: serving, overheadMs: totalMs - serving } };
}

export function clipboardWritten(page: Page, transient: boolean): (since: number) => Promise<number | undefined> {
  return async (since) => (await marksSince(page, 'clipboard', since)).find((mark) => mark.transient === transient)?.t;
}

/** "Plex: Sign In with Email and Password" from the palette, with a 2FA code when given. */
export async function passwordSignIn(page: Page, login: string, password: string, code?: string): Promise<void> {
  await runCommand(page, 'Plex: Sign In with Email and Password');
  await answerQuickInput(page, login, { prompt: 'email address or username' });
  await answerQuickInput(page, password, { prompt: 'password' });
  if (code !== undefined) {
    await answerQuickInput(page, code, { prompt: '6-digit code' });
  }
  await waitForStatusBarItem(page, login.split('@')[0], 30_000);
}
