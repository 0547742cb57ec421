// The extension reaches the prompts, the context keys, the clock and the clipboard only through
// the host port handed in at activation: these tests drive each through the tests' port
// (test/integration/host/testHost.ts) and see the extension follow.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, freshStart, setSetting, signedInAs, waitFor } from './helpers';

suite('Host port: prompts, context keys, clock and clipboard come from activation', () => {
  teardown(async () => {
    const { testing } = await extensionApi();
    testing.resetClock();
    await testing.claimCountdown().expireNow();
    await setSetting('clipboard.clearAfterSeconds', undefined);
  });

  test("the clipboard clear runs on the extension's clock: moving it past the delay clears the copied token", async () => {
    const { api, ui, control } = await freshStart();
    const token = await signedInAs('alice', ui, control);
    await setSetting('clipboard.clearAfterSeconds', 600);
    const writesBefore = api.testing.clipboardWrites();
    ui.accountTokenAnswers.push('copy');
    await vscode.commands.executeCommand('plex.copyAccountToken');
    assert.ok((await vscode.env.clipboard.readText()) === token, 'the account token was copied');
    assert.equal(api.testing.pendingClipboardClears(), 1);

    api.testing.advanceClock(599_000);
    assert.equal(api.testing.pendingClipboardClears(), 1, 'not due yet');
    api.testing.advanceClock(1_000);
    await waitFor('the clipboard to be cleared', async () => (await vscode.env.clipboard.readText()) === '');
    assert.equal(api.testing.pendingClipboardClears(), 0);
    assert.equal(api.testing.clipboardWrites() - writesBefore, 2, 'one copy and one clear, both through the port');
  });

  test("the claim-token countdown reads the extension's clock", async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await vscode.commands.executeCommand('plex.copyClaimToken');
    assert.match(api.testing.claimCountdown().text ?? '', /^\$\(watch\) Claim token [34]:[0-5]\d$/);
    api.testing.advanceClock(2 * 60_000);
    await waitFor('the countdown to show two minutes less', () => /^\$\(watch\) Claim token [12]:[0-5]\d$/.test(api.testing.claimCountdown().text ?? ''));
  });

  test("the session's context keys go through the port, and the scripted prompts answer", async () => {
    const { api, ui, control } = await freshStart();
    assert.equal(api.testing.recordedContextKeys().get('plex.signedIn') ?? false, false);
    await signedInAs('alice', ui, control);
    assert.equal(api.testing.recordedContextKeys().get('plex.signedIn'), true);
    ui.confirmSignOutAnswer = true;
    await vscode.commands.executeCommand('plex.signOut');
    assert.deepEqual(ui.questions, ['confirmSignOut']);
    assert.equal(api.testing.recordedContextKeys().get('plex.signedIn'), false);
    assert.equal(api.testing.recordedContextKeys().get('plex.sessionExpired') ?? false, false);
  });
});
