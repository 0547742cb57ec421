import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, standIn } from './helpers';

// The file name sorts first, so this runs before any test has made a request.
suite('Activation', () => {
  test('makes no request, shows the sign-in status bar state and registers every command', async () => {
    const api = await extensionApi();
    const control = standIn();
    assert.deepEqual(await control.log(), []);
    assert.equal(api.status, 'signedOut');

    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'plex.signIn',
      'plex.signInWithBrowser',
      'plex.signInWithPassword',
      'plex.signInWithToken',
      'plex.signOut',
      'plex.refresh',
      'plex.copyTransientToken',
      'plex.showSourceConnectionInformation',
      'plex.selectServer',
      'plex.showLog',
    ]) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });
});
