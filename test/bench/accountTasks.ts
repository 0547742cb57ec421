// Several accounts, signed in as carol with the Plex side bar showing (Servers, Plex Home, Devices
// and Webhooks folded): Plex: Sign In to Another Account with the browser, as alice with the
// approval page forwarding the browser back (the callback) and as bob with the poll only (the page
// does not forward, as a browser that blocks the redirect or a phone), each timed from the
// approval page's click to the status bar showing the account; then Switch Account from the
// palette, timed and counted. Ends with alice active and bob and carol signed in beside her; after
// the activation with the three stored, signOutAddedAccounts leaves carol alone again.
import type { Page } from 'playwright-core';
import { answerDialog, pickQuickItem, runCommand, showViewContainer, waitForReturnToWorkbench, waitForStatusBarItem, waitForTreeRow, waitVisible } from '../e2e/ui';
import { waitFor } from '../harness/waitFor';
import { watchRows, watchStatusBarItem, watchedAt } from './pageClock';
import type { TaskRequests } from './requests';
import type { LatencySample } from './results';
import { timed } from './steps';
import type { BenchWindow } from './window';

export interface AccountTaskResults {
  switchAccount: TaskRequests;
  latency: { switchAccount: LatencySample[]; approvalCallback: LatencySample[]; approvalPoll: LatencySample[] };
}

/** The epoch ms of page time `t` in `page` (pages have their own time origins). */
async function epochOf(page: Page, t: number): Promise<number> {
  return (await page.evaluate<number>('performance.timeOrigin')) + t;
}

/**
 * Plex: Sign In to Another Account with the browser, approved as `username`; with `forward` off
 * the approval page's forwardUrl is emptied first, so only the poll can bring the approval back.
 * Whole time from the click on the approval page to the status bar showing the account (the
 * stand-in answering is part of it: the poll's wait is what is measured).
 */
async function approvalToSignedIn(window: BenchWindow, username: string, forward: boolean): Promise<LatencySample> {
  const { page, context } = window;
  await runCommand(page, 'Plex: Sign In to Another Account');
  await pickQuickItem(page, /Sign in with browser/);
  const approvalPage = context.waitForEvent('page', { timeout: 30_000 });
  await answerDialog(page, 'Open');
  const approval = await approvalPage;
  await waitVisible(approval.getByRole('button', { name: `Sign in as ${username}` }), 'the approval button');
  const id = `approval-${username}`;
  await watchStatusBarItem(page, id, username);
  // Clicked inside the page, so the time is the click's own; the page navigates right after.
  const clickedAt = await approval.evaluate<number>(
    `(() => {
      ${forward ? '' : "document.getElementById('forwardUrl').value = '';"}
      const at = performance.timeOrigin + performance.now();
      document.querySelector(${JSON.stringify(`button[value="${username}"]`)}).click();
      return at;
    })()`,
  );
  if (forward) {
    await waitForReturnToWorkbench(approval);
  } else {
    await waitVisible(approval.getByText('Return to the app.'), 'the approval page saying it is approved');
  }
  const shown = await waitFor(() => watchedAt(page, id), { description: `the status bar showing ${username}`, timeoutMs: 30_000, intervalMs: 25 });
  await approval.close();
  await waitForStatusBarItem(page, username, 30_000);
  const totalMs = (await epochOf(page, shown)) - clickedAt;
  return { totalMs, servingMs: 0, overheadMs: totalMs };
}

/** Switch Account from the palette to `username`, timed from the click on it in the pick to the Account view showing `email`. */
async function switchTo(window: BenchWindow, username: string, email: string): Promise<{ requests: TaskRequests; latency: LatencySample }> {
  const { page } = window;
  await runCommand(page, 'Plex: Switch Account');
  const id = `switch-${username}`;
  await watchRows(page, id, [{ pane: 'Account', text: email }]);
  const result = await timed(window, 'mousedown', () => pickQuickItem(page, new RegExp(`\\b${username}\\b`)), () => watchedAt(page, id));
  await waitForStatusBarItem(page, username, 30_000);
  return result;
}

export async function runAccountTasks(window: BenchWindow): Promise<AccountTaskResults> {
  const { page } = window;
  await showViewContainer(page, 'Plex');
  await waitForTreeRow(page, /Username\s*carol/, 'Account');
  const approvalCallback = [await approvalToSignedIn(window, 'alice', true)];
  const approvalPoll = [await approvalToSignedIn(window, 'bob', false)];
  // bob active, carol and alice beside: to carol, then to alice.
  const toCarol = await switchTo(window, 'carol', 'carol@example.com');
  const toAlice = await switchTo(window, 'alice', 'alice@example.com');
  const most = toCarol.requests.count >= toAlice.requests.count ? toCarol.requests : toAlice.requests;
  return { switchAccount: most, latency: { switchAccount: [toCarol.latency, toAlice.latency], approvalCallback, approvalPoll } };
}

/** Signs out of alice (bob becomes active), then of bob: carol alone is left. */
export async function signOutAddedAccounts(window: BenchWindow): Promise<void> {
  const { page } = window;
  for (const next of ['bob', 'carol']) {
    await runCommand(page, 'Plex: Sign Out');
    await answerDialog(page, 'Sign Out');
    await waitForStatusBarItem(page, next, 30_000);
  }
}
