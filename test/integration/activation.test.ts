import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, standIn } from './helpers';

interface PackageJson {
  contributes: { commands: { command: string }[] };
}

/** Which of the extension's lazily loaded bundles this extension host has required so far. */
function loadedBundles(): string[] {
  const dist = join(vscode.extensions.getExtension('plex-vscode.plex-vscode')?.extensionPath ?? '', 'dist');
  return ['commands.js', 'plex.js'].filter((file) => require.cache[join(dist, file)] !== undefined);
}

// The runner runs this file first (its role in index.ts), before any test has made a request.
suite('Activation', () => {
  test('makes no request, shows the sign-in status bar state and registers every command', async () => {
    const api = await extensionApi();
    const control = standIn();
    assert.deepEqual(await control.log(), []);
    assert.equal(api.status, 'signedOut');

    // Every command package.json contributes (palette, menus, views) must have a handler.
    const registered = await vscode.commands.getCommands(true);
    const contributed = (vscode.extensions.getExtension('plex-vscode.plex-vscode')?.packageJSON as PackageJson).contributes.commands;
    assert.ok(contributed.length >= 10);
    for (const { command } of contributed) {
      assert.ok(registered.includes(command), `${command} is registered`);
    }
  });

  test('loads the command code only when a command first runs, and the service layer only for a request', async () => {
    await extensionApi();
    assert.deepEqual(loadedBundles(), [], 'activation loaded neither dist/commands.js nor dist/plex.js');
    await vscode.commands.executeCommand('plex.copyValue'); // nothing to copy: no request, no prompt
    assert.deepEqual(loadedBundles(), ['commands.js']);
  });

  // The page it opens is read by the e2e journey (test/e2e/walkthrough.test.ts): the extension
  // API names the walkthrough editor's tab after whichever walkthrough it shows last.
  test('the first activation ever records that it offered the Get Started walkthrough', async () => {
    const api = await extensionApi();
    // The harness turns on VS Code's "open walkthroughs on install" for this suite; the profile is new.
    assert.equal(api.testing.walkthroughRecorded(), true, 'globalState records the walkthrough as offered');
  });
});
