import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { waitFor } from '../harness/waitFor';
import type { StandInLogEntry } from '../standin/types';
import { answerDialog, clickActivityBarItem, clickWelcomeButton, waitForNotification, waitForReturnToWorkbench, waitForStatusBarItem } from './ui';
import { useWorkbench } from './workbench';

const POLL_INTERVAL_MS = 2_000;

// code-server gives the extension's callback URI as its own page (`<origin>/callback?vscode-…`):
// the approval page's redirect lands there, the page hands the URI to the workbench tab that made
// it (through the browser's localStorage), and the workbench passes it to the URI handler.
suite('Sign-in callback: the approval page brings the browser back and the sign-in completes by itself', () => {
  const workbench = useWorkbench();

  test('approved just after a poll: back on the workbench, signed in before the next poll with one PIN read', async () => {
    const { page, context, standIn, codeServer } = workbench;
    await clickActivityBarItem(page, 'Plex');
    await clickWelcomeButton(page, 'Account', 'Sign In with Browser');
    const approvalPage = context.waitForEvent('page', { timeout: 15_000 });
    await answerDialog(page, 'Open');
    const approval: Page = await approvalPage;

    const forwardUrl = new URLSearchParams(new URL(approval.url()).hash.replace(/^#\?/, '')).get('forwardUrl');
    assert.ok(forwardUrl, 'the approval page was opened with a forwardUrl');
    const forward = new URL(forwardUrl);
    assert.equal(forward.origin, codeServer.origin, "code-server's own page");
    assert.match(forward.pathname, /\/callback$/);
    assert.equal(forward.searchParams.get('vscode-authority'), 'plex-vscode.plex-vscode');
    assert.equal(forward.searchParams.get('vscode-path'), '/signIn');
    assert.deepEqual([...new URLSearchParams(forward.searchParams.get('vscode-query') ?? '').keys()], ['pin', 'state']);

    const checks = (): StandInLogEntry[] => standIn.log().filter((entry) => entry.route === 'pins.check');
    await waitFor(() => checks().length > 0 || undefined, { description: 'the first poll', timeoutMs: 15_000, intervalMs: 20 });
    await approval.getByRole('button', { name: 'Sign in as alice' }).click();
    const approvedAt = Date.now();
    await waitForReturnToWorkbench(approval);
    await waitForStatusBarItem(page, 'alice', 20_000);
    const approvalToSignedInMs = Date.now() - approvedAt;
    await waitForNotification(page, 'Signed in to Plex as alice.');
    await approval.close();

    const approved = standIn.log().find((entry) => entry.route === 'auth-page' && entry.method === 'POST');
    assert.ok(approved, 'the approval reached the stand-in');
    const before = checks().filter((entry) => entry.time < approved.time);
    const after = checks().filter((entry) => entry.time >= approved.time);
    assert.equal(after.length, 1, 'one PIN read after the approval');
    const lastPoll = before.at(-1);
    assert.ok(lastPoll);
    assert.ok(
      (after[0]?.time ?? Infinity) - lastPoll.time < POLL_INTERVAL_MS - 100,
      `the PIN was read before the next poll was due (${(after[0]?.time ?? 0) - lastPoll.time} ms after the last poll)`,
    );
    console.log(`      approval to signed in (status bar shows alice), with the callback: ${approvalToSignedInMs} ms`);
  });
});
