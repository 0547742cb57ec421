import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../src/api';
import { StandInControl } from '../standin/controlClient';
import { ScriptedUi } from './scriptedUi';
import { extensionUnderTest } from './host/extensionUnderTest';
import { testingApi, type PlexTestingApi } from './testingApi';

export const EXTENSION_ID = 'plex-vscode.plex-vscode';

export async function extensionApi(): Promise<PlexExtensionApi & { testing: PlexTestingApi }> {
  const extension = vscode.extensions.getExtension<PlexExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
  const api = await extension.activate();
  const underTest = extensionUnderTest(api);
  assert.ok(underTest, "this host runs the shipped extension, not the tests' build of it (test/integration/host/extension.ts)");
  return Object.assign(Object.create(api) as PlexExtensionApi, { testing: testingApi(underTest) });
}

export function standIn(): StandInControl {
  const url = process.env.PLEX_STANDIN_URL;
  assert.ok(url, 'PLEX_STANDIN_URL is not set: run the suite through the test runner');
  return new StandInControl(url);
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      assert.fail(`Timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A fresh scripted Ui installed in the extension, and a signed-out start with a clean stand-in. */
export async function freshStart(): Promise<{ api: PlexExtensionApi & { testing: PlexTestingApi }; ui: ScriptedUi; control: StandInControl }> {
  const api = await extensionApi();
  const control = standIn();
  await control.clearFaults();
  await control.setPinAutoApproval(0, '');
  const ui = new ScriptedUi();
  api.testing.setUi(ui);
  // One Sign Out per account: signing out of the active one makes the next one active.
  for (let accounts = 0; api.status !== 'signedOut' && accounts < 5; accounts++) {
    ui.confirmSignOutAnswer = true;
    await vscode.commands.executeCommand('plex.signOut');
  }
  await waitFor('signed out', () => api.status === 'signedOut');
  await api.testing.forgetDefaultServer();
  await control.clearLog();
  ui.messages.length = 0;
  ui.questions.length = 0;
  return { api, ui, control };
}

/** Signs in with a token the stand-in issues, through the real command. */
export async function signInAs(username: string, ui: ScriptedUi, control: StandInControl): Promise<string> {
  const token = await control.issueToken(username);
  ui.tokens.push(token);
  await vscode.commands.executeCommand('plex.signInWithToken');
  return token;
}

/** signInAs, then forgets what the sign-in showed and asked, so a test sees only its own action's. */
export async function signedInAs(username: string, ui: ScriptedUi, control: StandInControl): Promise<string> {
  const token = await signInAs(username, ui, control);
  ui.messages.length = 0;
  ui.questions.length = 0;
  return token;
}

/** The PIN code in a browser sign-in's approval link (its fragment: `#?clientID=...&code=...`). */
export function approvalCode(url: string | undefined): string {
  const code = new URLSearchParams(new URL(url ?? '').hash.replace(/^#\?/, '')).get('code');
  assert.ok(code, `no PIN code in ${url}`);
  return code;
}

export async function storedSession(api: PlexExtensionApi & { testing: PlexTestingApi }): Promise<{ token: string; account: { username: string } } | undefined> {
  const raw = await api.testing.readStoredSession();
  return raw === undefined ? undefined : (JSON.parse(raw) as { token: string; account: { username: string } });
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('plex').update(key, value, vscode.ConfigurationTarget.Global);
}

/** The status plex.tv answers an account read made with `token`: 200 while it works, 401 once revoked. */
export async function plexTvStatusWith(token: string): Promise<number> {
  const url = process.env.PLEX_STANDIN_URL ?? '';
  const response = await fetch(new URL('/api/v2/user', url), {
    headers: { 'X-Plex-Token': token, 'X-Plex-Client-Identifier': 'integration-test-probe', 'X-Plex-Product': 'Test', Accept: 'application/json' },
  });
  await response.arrayBuffer();
  return response.status;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Marks the token unused for two days and runs the upkeep's look. globalState is shared by every
 * window, and the echo of an earlier write (the sign-in's own use) can still arrive and put its newer
 * time back for a moment: a look that then finds the ping "not due" marks again and looks again.
 */
export async function lookAfterTwoDaysUnused(api: PlexExtensionApi & { testing: PlexTestingApi }): Promise<string> {
  let outcome = 'not-due';
  for (let attempt = 0; attempt < 5 && outcome === 'not-due'; attempt++) {
    await api.testing.setLastTokenUse(Date.now() - 2 * DAY_MS);
    outcome = await api.testing.pingTokenIfDue();
  }
  return outcome;
}
