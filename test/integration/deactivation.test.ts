// The extension deactivated mid-request. VS Code deactivates an extension without restarting its
// host when it is disabled or updated: deactivate(), then every subscription disposed. Nothing can
// activate it again in this host, so the runner runs this file last (its role in index.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { approvalCode, freshStart, signInAs, storedSession, waitFor } from './helpers';

suite('Deactivation mid-request (last: ends the extension in this host)', () => {
  test('stops PIN polling, requests in flight and the clipboard clear, and takes the token off the clipboard; no error, no session written or removed', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);
    ui.serverToPick = "Alice's Library";
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.equal(api.testing.pendingClipboardClears(), 1);
    const transient = await vscode.env.clipboard.readText();
    assert.match(transient, /^transient-/);

    const browserSignIn = vscode.commands.executeCommand('plex.signInWithBrowser');
    await waitFor('PIN polling to start', () => ui.openedUrls.length === 1 && api.testing.pendingPollTimers() === 1);
    await control.addFault({ route: 'user', fault: { kind: 'slow', delayMs: 5000 }, times: 1 });
    const refresh = vscode.commands.executeCommand('plex.refresh');
    await waitFor('the refresh request to arrive', async () => (await control.log()).some((entry) => entry.route === 'user'));

    await api.testing.deactivate();
    // VS Code awaited deactivate(): the clipboard clear that was still waiting ran at once.
    assert.ok((await vscode.env.clipboard.readText()) === '', 'the transient token is no longer on the clipboard');
    await Promise.all([browserSignIn, refresh]);

    assert.equal(api.testing.pendingPollTimers(), 0);
    assert.equal(api.testing.activeProgress(), 0);
    assert.equal(api.testing.pendingClipboardClears(), 0);
    assert.equal(api.signingIn, false);
    assert.deepEqual(ui.errors(), [], 'being deactivated is not an error to show');
    assert.equal((await vscode.commands.getCommands(true)).includes('plex.signIn'), false, 'the commands are gone');

    // Approving the PIN now reaches nothing: no poll is left to pick the token up.
    const code = approvalCode(ui.openedUrls[0]);
    const checksBefore = (await control.log()).filter((entry) => entry.route === 'pins.check').length;
    await control.approvePin({ code }, 'bob');
    assert.equal((await control.log()).filter((entry) => entry.route === 'pins.check').length, checksBefore);
    assert.equal((await storedSession(api))?.token, token, 'the stored session is neither replaced nor removed');
  });
});
