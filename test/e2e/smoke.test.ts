import * as assert from 'node:assert/strict';
import { commandPaletteTitles, runCommand, waitForOutputChannel, waitForStatusBarItem } from './ui';
import { useWorkbench } from './workbench';

// The packaged extension (.vsix) installed in a browser workbench: what a person sees first.
suite('Smoke: the packaged extension in the workbench', () => {
  const workbench = useWorkbench();

  test('the status bar offers to sign in to Plex', async () => {
    await waitForStatusBarItem(workbench.page, 'Sign in to Plex');
  });

  test('the command palette lists the Plex commands', async () => {
    const titles = await commandPaletteTitles(workbench.page, 'Plex:');
    for (const title of ['Plex: Sign In', 'Plex: Sign In with Browser', 'Plex: Sign In with Email and Password', 'Plex: Sign In with Token', 'Plex: Show Log']) {
      assert.ok(titles.includes(title), `"${title}" is in the command palette; it shows ${JSON.stringify(titles)}`);
    }
  });

  test('Plex: Show Log opens the Plex output channel', async () => {
    const page = workbench.page;
    await runCommand(page, 'Plex: Show Log');
    await waitForOutputChannel(page, 'Plex');
  });
});
