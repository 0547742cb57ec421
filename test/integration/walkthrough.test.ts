import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openWalkthroughOnFirstActivation, WALKTHROUGH_OFFERED_KEY } from '../../src/walkthrough';
import { EXTENSION_ID, extensionApi } from './helpers';
import { closeWalkthroughTabs, walkthroughTabs } from './walkthroughTabs';

const OPEN_ON_INSTALL = 'workbench.welcomePage.walkthroughs.openOnInstall';

/** Another profile's globalState: what the extension kept there, in memory. */
class ProfileState implements vscode.Memento {
  private readonly values = new Map<string, unknown>();

  constructor(entries: Record<string, unknown> = {}) {
    Object.entries(entries).forEach(([key, value]) => this.values.set(key, value));
  }

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }

  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, value);
    }
    return Promise.resolve();
  }
}

// The first activation itself is checked by activation.test.ts (it runs first); here, what
// comes after it, and the other ways in. That the page opens, and what it shows, is read by the
// e2e journey (test/e2e/walkthrough.test.ts): the extension API names the walkthrough editor's
// tab after whichever walkthrough it showed last.
suite('Get Started walkthrough', () => {
  setup(closeWalkthroughTabs);
  teardown(async () => {
    await closeWalkthroughTabs();
    await vscode.workspace.getConfiguration().update(OPEN_ON_INSTALL, undefined, vscode.ConfigurationTarget.Global);
  });

  test('a later activation (a reload, another window) does not open the walkthrough again', async () => {
    const api = await extensionApi();
    assert.equal(api.testing.walkthroughRecorded(), true, 'the first activation recorded it');
    assert.equal(await api.testing.walkthroughCheckOfLaterActivation(), false);
    assert.deepEqual(walkthroughTabs(), [], 'no walkthrough tab');
  });

  test('Plex: Get Started is in the palette in every state and runs', async () => {
    await extensionApi();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: { command: string; category: string }[]; menus: { commandPalette: { command: string }[] } };
    };
    assert.ok(manifest.contributes.commands.some((entry) => entry.command === 'plex.getStarted' && entry.category === 'Plex'));
    assert.ok(!manifest.contributes.menus.commandPalette.some((entry) => entry.command === 'plex.getStarted'), 'no when clause hides it');
    assert.ok((await vscode.commands.getCommands(true)).includes('plex.getStarted'), 'registered');

    await vscode.commands.executeCommand('plex.getStarted');
    // An argument (another extension's walkthrough) is not taken: it still opens Plex's.
    await vscode.commands.executeCommand('plex.getStarted', { walkthrough: 'someone.else#theirs' });
  });

  test('a new profile gets the walkthrough once: the flag is written, and the next activation does not open it', async () => {
    const profile = new ProfileState();
    assert.equal(await openWalkthroughOnFirstActivation(profile, EXTENSION_ID), true);
    assert.equal(profile.get(WALKTHROUGH_OFFERED_KEY), true);
    assert.equal(await openWalkthroughOnFirstActivation(profile, EXTENSION_ID), false);
  });

  test('a profile that used the extension before (an upgrade) is not a first activation: recorded, not opened', async () => {
    const profile = new ProfileState({ 'plex.clientIdentifier': 'an-earlier-installation' });
    assert.equal(await openWalkthroughOnFirstActivation(profile, EXTENSION_ID), false);
    assert.equal(profile.get(WALKTHROUGH_OFFERED_KEY), true);
    assert.deepEqual(walkthroughTabs(), []);
  });

  test('with VS Code\'s "open walkthroughs on install" off, a new profile records it and never opens it', async () => {
    await vscode.workspace.getConfiguration().update(OPEN_ON_INSTALL, false, vscode.ConfigurationTarget.Global);
    const profile = new ProfileState();
    assert.equal(await openWalkthroughOnFirstActivation(profile, EXTENSION_ID), false);
    assert.equal(profile.get(WALKTHROUGH_OFFERED_KEY), true);
    assert.deepEqual(walkthroughTabs(), []);
  });
});
