// A repository's .vscode/settings.json may not choose where a credential goes or how long it stays
// on the clipboard: the settings that steer secrets are the user's. The workspace here points them
// at a listener on this computer; sign-in, refresh, the ping and the server token go to the user's
// plex.tv (the stand-in) instead, and the clipboard is still cleared.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { freshStart, lookAfterTwoDaysUnused, setSetting, signInAs, storedSession, waitFor } from './helpers';

/** Every request a listener receives, by method and path (never its headers: they may carry a token). */
interface Listener {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

async function startListener(): Promise<Listener> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function workspaceSettingsUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration host opens a folder');
  return vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
}

/**
 * A workspace setting every scope allows: once VS Code shows it, it has read the file (the
 * settings under test may rightly never show, so they cannot be what the test waits for).
 */
const CANARY_KEY = 'requestTimeoutSeconds';
const CANARY_VALUE = 14;

function canaryInWorkspace(): boolean {
  return vscode.workspace.getConfiguration('plex').inspect<number>(CANARY_KEY)?.workspaceValue === CANARY_VALUE;
}

async function writeWorkspaceSettings(settings: Record<string, unknown>): Promise<void> {
  const uri = workspaceSettingsUri();
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  const text = JSON.stringify({ ...settings, [`plex.${CANARY_KEY}`]: CANARY_VALUE }, null, 2);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await waitFor('VS Code to read the workspace settings', canaryInWorkspace);
}

async function removeWorkspaceSettings(): Promise<void> {
  if (!canaryInWorkspace()) {
    return; // this test wrote none
  }
  await vscode.workspace.fs.delete(workspaceSettingsUri(), { useTrash: false });
  await waitFor('VS Code to forget the workspace settings', () => !canaryInWorkspace());
}

suite('Workspace settings cannot steer secrets', () => {
  let listener: Listener;

  suiteSetup(async () => {
    // A Plex view left open would read plex.tv by itself; only the test's own actions run.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    listener = await startListener();
  });

  teardown(async () => {
    await removeWorkspaceSettings();
    await setSetting('clipboard.clearAfterSeconds', undefined);
  });

  suiteTeardown(async () => {
    await listener.close();
  });

  test('sign-in, refresh, the ping and the server token go to the user\'s plex.tv, never to the workspace\'s', async () => {
    await writeWorkspaceSettings({
      'plex.plexTvUrl': listener.url,
      'plex.authUrl': `${listener.url}/auth`,
      'plex.serverUrl': listener.url,
      'plex.jwt.enabled': true,
    });
    const { api, ui, control } = await freshStart();
    const plexTv = await control.state();
    // VS Code itself drops a workspace value of an application-scoped setting; the extension reads
    // the user's value through inspect() besides, for a host that does not.
    assert.equal(vscode.workspace.getConfiguration('plex').inspect('plexTvUrl')?.workspaceValue, undefined);

    await signInAs('alice', ui, control);
    assert.equal(api.status, 'signedIn', 'token sign-in, checked with the user\'s plex.tv');
    assert.equal((await storedSession(api))?.account.username, 'alice');

    ui.logins.push('carol@example.com');
    ui.passwords.push('carol-password');
    await vscode.commands.executeCommand('plex.signInWithPassword');
    assert.equal(api.testing.accountUsername(), 'carol', 'the password went to the user\'s plex.tv');

    await control.setPinAutoApproval(1, 'alice');
    await vscode.commands.executeCommand('plex.signInWithBrowser');
    assert.equal(api.testing.accountUsername(), 'alice');
    assert.equal(ui.openedUrls.length, 1);
    const opened = new URL(ui.openedUrls[0]);
    assert.equal(`${opened.origin}${opened.pathname}`, plexTv.authUrl, 'the approval page is the user\'s');
    const stored = (await api.testing.readStoredSession()) ?? '';
    assert.ok(!stored.includes('"jwt"'), 'the workspace cannot switch the JWT preview on');

    await control.clearLog();
    await vscode.commands.executeCommand('plex.refresh');
    assert.ok((await control.log()).some((entry) => entry.route === 'user'), 'refresh read the account from the user\'s plex.tv');

    await control.clearLog();
    assert.equal(await lookAfterTwoDaysUnused(api), 'pinged');
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['ping']);

    await control.clearLog();
    ui.serverToPick = "Alice's Library";
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.ok(
      (await control.log()).some((entry) => entry.route === 'pms.transientToken'),
      'the server comes from the account, not from the workspace\'s plex.serverUrl',
    );
    assert.match(await vscode.env.clipboard.readText(), /^transient-/);
    assert.deepEqual(ui.errors(), []);

    assert.deepEqual(listener.requests, [], 'the workspace\'s listener received nothing');
  });

  test('"plex.clipboard.clearAfterSeconds": 0 in the workspace does not stop the clearing', async () => {
    await writeWorkspaceSettings({ 'plex.clipboard.clearAfterSeconds': 0 });
    await setSetting('clipboard.clearAfterSeconds', 1);
    const { ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);
    // The account token: copied without a request, so only the clearing is under test.
    ui.accountTokenAnswers.push('copy');
    await vscode.commands.executeCommand('plex.copyAccountToken');
    assert.ok((await vscode.env.clipboard.readText()) === token, 'the account token is on the clipboard');
    assert.ok(
      ui.messages.some((shown) => shown.message.includes('clipboard clears in 1 s.')),
      'the message states the user\'s delay',
    );
    await waitFor('the clipboard to be cleared', async () => (await vscode.env.clipboard.readText()) === '', 5000);
  });

  test('plex.authUrl must be https (http only for this computer): anything else is refused before a PIN is made', async () => {
    const harnessAuthUrl = vscode.workspace.getConfiguration('plex').inspect<string>('authUrl')?.globalValue;
    try {
      for (const authUrl of ['http://auth.example/auth', 'file:///etc/passwd', 'command:workbench.action.terminal.new']) {
        const { api, ui, control } = await freshStart();
        await setSetting('authUrl', authUrl);
        await vscode.commands.executeCommand('plex.signInWithBrowser');
        assert.equal(api.status, 'signedOut', authUrl);
        assert.deepEqual(ui.openedUrls, [], `${authUrl}: nothing opened`);
        assert.deepEqual(await control.log(), [], `${authUrl}: no PIN made`);
        assert.deepEqual(ui.errors(), [
          'The setting "plex.authUrl" must be an https:// address (http:// is allowed only for this computer): it is the page where you approve the sign-in to your Plex account.',
        ]);
      }
    } finally {
      await setSetting('authUrl', harnessAuthUrl);
    }
  });
});
