import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StandInControl } from '../standin/controlClient';

// Checks the runner's own wiring: the extension under development is loaded in this host, and
// the stand-in the runner started is reachable through PLEX_STANDIN_URL and the settings.
suite('Smoke: the test host', () => {
  test('has plex-vscode.plex-vscode and activates it', async () => {
    const extension = vscode.extensions.getExtension('plex-vscode.plex-vscode');
    assert.ok(extension, 'plex-vscode.plex-vscode is not loaded in this extension host');
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('reaches the stand-in control API that the settings point at', async () => {
    const url = process.env.PLEX_STANDIN_URL;
    assert.ok(url, 'PLEX_STANDIN_URL is not set: run the suite through npm run test:integration');
    const state = await new StandInControl(url).state();
    assert.equal(state.plexTvUrl, url);
    assert.ok(state.accounts.length > 0, 'the stand-in has demo accounts');
    assert.equal(vscode.workspace.getConfiguration('plex').get<string>('plexTvUrl'), url);
  });
});
