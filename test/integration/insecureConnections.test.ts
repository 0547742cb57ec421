// The token never travels over plain http to another computer without the
// user's say-so. The stand-in listens on loopback only, so a test seam (treatAsRemote) makes one
// of its addresses count as another computer; the only real non-loopback address used here is
// one the user declines, so nothing is ever sent to it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandInServerInfo } from '../standin/types';
import { freshStart, setSetting, signInAs, standIn, storedSession, waitFor } from './helpers';

const hostOf = (url: string): string => new URL(url).host;
const DECLINED = "No encrypted connection to Alice's Cloud answered, and you chose not to send your Plex token to it unencrypted.";

suite('Unencrypted connections', () => {
  let cloud: StandInServerInfo;

  setup(async () => {
    const { api, control } = await freshStart();
    await api.testing.forgetInsecureConnectionAnswers();
    const servers = (await control.state()).servers;
    const find = (name: string): StandInServerInfo => {
      const server = servers.find((candidate) => candidate.name === name);
      assert.ok(server, name);
      return server;
    };
    cloud = find("Alice's Cloud");
  });

  teardown(async () => {
    const { api } = await freshStart();
    api.testing.treatAsRemote([]);
    await api.testing.forgetInsecureConnectionAnswers();
    await setSetting('serverUrl', undefined);
    await setSetting('requestTimeoutSeconds', undefined);
  });

  test('declined: nothing reaches the server, and the answer is remembered for that server', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    forgetRecorded(ui);
    api.testing.treatAsRemote([hostOf(cloud.url)]);
    await vscode.env.clipboard.writeText('before');
    ui.serverToPick = "Alice's Cloud";
    ui.insecureAnswers.push(false);
    await control.clearLog();
    await vscode.commands.executeCommand('plex.copyTransientToken');

    assert.deepEqual(ui.questions.filter((question) => question.startsWith('insecure:')), ['insecure:127.0.0.1']);
    assert.deepEqual(ui.errors(), [], 'declining is the user cancelling: no error on top');
    assert.deepEqual(await serverRequests(control), [], 'no request reached the server');
    assert.equal(await vscode.env.clipboard.readText(), 'before');

    ui.questions.length = 0;
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.deepEqual(ui.questions.filter((question) => question.startsWith('insecure:')), [], 'asked once per server');
    assert.deepEqual(await serverRequests(control), []);
    const shown = ui.messages.find((message) => message.severity === 'error');
    assert.equal(shown?.message, DECLINED);
    assert.deepEqual(shown?.actions, ['Ask Again']);
    assert.equal(api.testing.activeProgress(), 0);
  });

  test('"Ask Again" forgets the answer and asks; agreeing sends the token, once asked, then never again', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    forgetRecorded(ui);
    api.testing.treatAsRemote([hostOf(cloud.url)]);
    ui.serverToPick = "Alice's Cloud";
    ui.insecureAnswers.push(false);
    await vscode.commands.executeCommand('plex.copyTransientToken');

    ui.messageAnswers.push('Ask Again');
    ui.insecureAnswers.push(true);
    await vscode.env.clipboard.writeText('before');
    await vscode.commands.executeCommand('plex.copyTransientToken');
    await waitForClipboardToken(control);
    assert.deepEqual(
      ui.questions.filter((question) => question.startsWith('insecure:')),
      ['insecure:127.0.0.1', 'insecure:127.0.0.1'],
    );

    ui.questions.length = 0;
    await control.clearLog();
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.deepEqual(ui.questions.filter((question) => question.startsWith('insecure:')), [], 'the "yes" is remembered');
    assert.deepEqual((await serverRequests(control)).map((entry) => entry.route), ['pms.transientToken']);
  });

  test('dismissing the question cancels quietly and is not remembered', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    forgetRecorded(ui);
    api.testing.treatAsRemote([hostOf(cloud.url)]);
    ui.serverToPick = "Alice's Cloud";
    ui.insecureAnswers.push(undefined, true);
    await control.clearLog();
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.deepEqual(ui.messages, []);
    assert.deepEqual(await serverRequests(control), []);
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.equal(ui.questions.filter((question) => question.startsWith('insecure:')).length, 2, 'asked again');
    assert.match(await vscode.env.clipboard.readText(), /^transient-/);
  });

  test('plex.serverUrl on a real non-loopback http address: asks with its address; declined, nothing is sent', async () => {
    const { api, ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    forgetRecorded(ui);
    // A guard only: declining means no request is made at all.
    await setSetting('requestTimeoutSeconds', 1);
    await setSetting('serverUrl', 'http://192.0.2.10:32400');
    await api.testing.forgetServerAnswers();
    ui.serverAddressAnswers.push(true);
    ui.insecureAnswers.push(false);
    await control.clearLog();
    await vscode.commands.executeCommand('plex.copyTransientToken');
    // An address plex.tv does not list: the user allows it first, then is asked about plain http.
    assert.deepEqual(ui.questions, ['serverAddress:192.0.2.10:32400', 'insecure:192.0.2.10']);
    assert.deepEqual(ui.errors(), []);
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['resources'], 'only plex.tv was asked (for the server list)');
  });

  test('plex.tv over plain http to another computer is refused before anything is sent', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);
    forgetRecorded(ui);
    const plexTv = process.env.PLEX_STANDIN_URL;
    assert.ok(plexTv);
    api.testing.treatAsRemote([hostOf(plexTv)]);
    await control.clearLog();

    await vscode.commands.executeCommand('plex.refresh');
    ui.tokens.push(await control.issueToken('carol'));
    await vscode.commands.executeCommand('plex.signInWithToken');
    ui.logins.push('carol');
    ui.passwords.push('carol-password');
    await vscode.commands.executeCommand('plex.signInWithPassword');
    await vscode.commands.executeCommand('plex.signInWithBrowser');

    assert.deepEqual(await control.log(), [], 'plex.tv received nothing: no token, no password');
    assert.equal(ui.errors().length, 4);
    for (const message of ui.errors()) {
      assert.match(message, /^Your Plex token is never sent to plex\.tv without encryption\. Change the setting "plex\.plexTvUrl"/);
    }
    assert.equal(api.status, 'signedIn');
    assert.equal((await storedSession(api))?.token, token, 'still signed in as before');
    assert.deepEqual(ui.openedUrls, []);

    api.testing.treatAsRemote([]);
    await vscode.commands.executeCommand('plex.refresh');
    assert.equal(ui.errors().length, 4, 'works again on loopback');
  });
});

type Control = ReturnType<typeof standIn>;

/** Requests that reached a Plex Media Server (plex.tv's own are listed too, under 'plex.tv'). */
/**
 * The requests that reached a server, but for the token-less `GET /identity` that asks each
 * connection who answers there before the token goes anywhere (checked here to carry no token).
 */
async function serverRequests(control: Control): Promise<Awaited<ReturnType<Control['log']>>> {
  const reached = (await control.log()).filter((entry) => entry.host !== 'plex.tv');
  assert.deepEqual(
    reached.filter((entry) => entry.route === 'pms.identity' && 'x-plex-token' in entry.headers),
    [],
    'no token went to /identity',
  );
  return reached.filter((entry) => entry.route !== 'pms.identity');
}

function forgetRecorded(ui: { messages: unknown[]; questions: string[] }): void {
  ui.messages.length = 0;
  ui.questions.length = 0;
}

/** "Ask Again" retries in the background: wait for the copied token the server issued. */
async function waitForClipboardToken(control: Control): Promise<void> {
  await waitFor('a transient token on the clipboard', async () =>
    (await control.issuedTokens()).includes(await vscode.env.clipboard.readText()),
  );
}
