// UI steps the bench window's parts share: counting a task's requests, folding a view, signing in
// with the browser and signing out.
import type { Page } from 'playwright-core';
import { answerDialog, runCommand, viewPane, waitForReturnToWorkbench, waitForStatusBarItem, waitVisible } from '../e2e/ui';
import { waitFor } from '../harness/waitFor';
import type { StandIn } from '../standin/types';
import { settledLog, taskRequests, type TaskRequests } from './requests';
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
