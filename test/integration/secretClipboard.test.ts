// Deactivation runs the clipboard clear still waiting at once (SecretClipboard.clearNow(), through
// deactivate(); deactivation.test.ts deactivates the extension itself, which this host can do
// only once). Here, on the real clipboard: only a clipboard that still holds the secret is cleared.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SecretClipboard } from '../../src/ui/secretClipboard';
import { TestClock } from './host/testClock';

const SECRET = 'secret-for-the-clipboard-test';

suite('Secret clipboard: clearing now (deactivation)', () => {
  let clipboard: SecretClipboard;
  let clock: TestClock;

  setup(() => {
    clock = new TestClock();
    clipboard = new SecretClipboard(vscode.env.clipboard, clock);
  });

  teardown(async () => {
    clipboard.dispose();
    await vscode.env.clipboard.writeText('');
  });

  test('a secret still on the clipboard is cleared, and its timer is gone', async () => {
    await clipboard.copy(SECRET, 60_000);
    assert.equal(clock.pendingTimers, 1);
    const clearing = clipboard.clearNow();
    clipboard.dispose(); // as VS Code disposes the subscriptions right after calling deactivate()
    await clearing;
    assert.equal(await vscode.env.clipboard.readText(), '');
    assert.equal(clock.pendingTimers, 0);
  });

  test('a clipboard the user overwrote meanwhile is left alone', async () => {
    await clipboard.copy(SECRET, 60_000);
    await vscode.env.clipboard.writeText('something the user copied');
    await clipboard.clearNow();
    assert.equal(await vscode.env.clipboard.readText(), 'something the user copied');
  });

  test('with clearing turned off (0) by the user, nothing is cleared: the user chose to keep it', async () => {
    await clipboard.copy(SECRET, 0);
    await clipboard.clearNow();
    assert.equal(await vscode.env.clipboard.readText(), SECRET);
  });
});
