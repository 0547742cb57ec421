import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { freshStart, setSetting, signInAs, waitFor } from './helpers';
import { secretsIn } from '../harness/secretScanner';

suite('Servers and transient tokens', () => {
  teardown(async () => {
    await setSetting('clipboard.clearAfterSeconds', undefined);
    await setSetting('serverUrl', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('copy transient token: asks which server, copies a token the server issued, says for how long', async () => {
    const { ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.serverToPick = "Alice's Library";
    await vscode.commands.executeCommand('plex.copyTransientToken');

    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^transient-/);
    assert.ok((await control.issuedTokens()).includes(copied), 'the stand-in issued the copied token');
    assert.deepEqual(ui.questions.filter((q) => q.startsWith('server:')), ["server:Alice's Library,Alice's Cloud"]);
    assert.ok(
      ui.messages.some((shown) => shown.message === "Transient token for Alice's Library copied; valid up to 48 hours; clipboard clears in 60 s."),
    );
    assert.deepEqual(await control.violations(), []);
  });

  test('the default server is used without asking; each copy asks every connection who it is, and sends the token only to the one that answered', async () => {
    const { ui, control, api } = await freshStart();
    await signInAs('alice', ui, control);
    const library = (await control.state()).servers.find((server) => server.name === "Alice's Library");
    assert.ok(library);
    // Alice's Library has two connections: its listener, and a remote https one nothing answers
    // (https://127.0.0.1:1). Listed as not local, its listener ranks after the https one.
    await control.addFault({ route: 'resources', fault: { kind: 'set-field', field: '1.connections.0.local', value: false } });
    ui.serverToPick = "Alice's Library";
    await vscode.commands.executeCommand('plex.selectServer');
    assert.equal(api.testing.defaultServerId(), library.clientIdentifier);

    // Lines in the Plex log (kept for the whole run) that name `text`.
    const count = async (text: string) => (await api.testing.logText()).split(text).length - 1;
    const unreachableToken = await count('https://127.0.0.1:1/security/token');
    await control.clearLog();
    ui.questions.length = 0;
    await vscode.commands.executeCommand('plex.copyTransientToken');
    await vscode.commands.executeCommand('plex.copyTransientToken');

    assert.deepEqual(ui.questions, []);
    assert.equal(await count('https://127.0.0.1:1/security/token'), unreachableToken, 'the token never went to the connection that did not answer');
    assert.ok((await count('https://127.0.0.1:1/identity')) >= 2, 'each copy asked the unreachable connection who it is (no token)');
    assert.deepEqual(
      (await control.log()).map((entry) => `${entry.host} ${entry.route} ${entry.status}`),
      [
        `${library.clientIdentifier} pms.identity 200`,
        `${library.clientIdentifier} pms.transientToken 200`,
        `${library.clientIdentifier} pms.identity 200`,
        `${library.clientIdentifier} pms.transientToken 200`,
      ],
      'servers are cached; per copy, one token-less /identity per connection and one token request',
    );
  });

  test('the clipboard is cleared after the delay only if it still holds the token', async () => {
    const { ui, control, api } = await freshStart();
    await signInAs('alice', ui, control);
    await setSetting('clipboard.clearAfterSeconds', 1);
    ui.serverToPick = "Alice's Library";

    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.match(await vscode.env.clipboard.readText(), /^transient-/);
    await waitFor('the clipboard to be cleared', async () => (await vscode.env.clipboard.readText()) === '', 5000);

    await vscode.commands.executeCommand('plex.copyTransientToken');
    await vscode.env.clipboard.writeText('something the user copied');
    await waitFor('the pending clear to run', () => api.testing.pendingClipboardClears() === 0, 5000);
    assert.equal(await vscode.env.clipboard.readText(), 'something the user copied');
  });

  test('a server restart invalidates old transient tokens; the next copy gets a new one', async () => {
    const { ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    ui.serverToPick = "Alice's Library";
    await vscode.commands.executeCommand('plex.copyTransientToken');
    const first = await vscode.env.clipboard.readText();
    const library = (await control.state()).servers.find((server) => server.name === "Alice's Library");
    assert.ok(library);
    await control.restartServer(library.clientIdentifier);
    await vscode.commands.executeCommand('plex.copyTransientToken');
    const second = await vscode.env.clipboard.readText();
    assert.match(second, /^transient-/);
    assert.notEqual(second, first);
  });

  test('plex.serverUrl: the token comes from that server', async () => {
    const { ui, control } = await freshStart();
    await signInAs('alice', ui, control);
    const cloud = (await control.state()).servers.find((server) => server.name === "Alice's Cloud");
    assert.ok(cloud);
    await setSetting('serverUrl', cloud.url);
    await control.clearLog();
    await vscode.commands.executeCommand('plex.copyTransientToken');

    const log = await control.log();
    // The list tells whether the address is a listed server's (here Alice's Cloud's relay): then it gets that server's token, unasked.
    assert.deepEqual(log.map((entry) => `${entry.host} ${entry.route}`), ['plex.tv resources', `${cloud.clientIdentifier} pms.transientToken`]);
    assert.ok(!ui.questions.some((question) => question.startsWith('serverAddress:')));
    assert.match(await vscode.env.clipboard.readText(), /^transient-/);
  });

  test('a server that cannot be reached: one clear message, nothing copied, session kept', async () => {
    const { ui, control, api } = await freshStart();
    await signInAs('alice', ui, control);
    await vscode.env.clipboard.writeText('before');
    await control.addFault({ route: 'pms.transientToken', fault: { kind: 'reset' } });
    ui.serverToPick = "Alice's Cloud";
    await vscode.commands.executeCommand('plex.copyTransientToken');

    assert.equal(await vscode.env.clipboard.readText(), 'before');
    assert.deepEqual(ui.errors(), ["Alice's Cloud could not be reached. Check your connection."]);
    assert.equal(api.status, 'signedIn');
  });

  test('source connection information opens a read-only document without the access token', async () => {
    const { ui, control } = await freshStart();
    const token = await signInAs('alice', ui, control);
    ui.serverToPick = "Alice's Library";
    await vscode.commands.executeCommand('plex.showSourceConnectionInformation');

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'a document is shown');
    assert.equal(editor.document.uri.scheme, 'plex-source');
    const text = editor.document.getText();
    assert.match(text, /Alice's Library/);
    assert.match(text, /Client identifier/);
    const issued = (await control.issuedTokens()).map((value, index) => ({ label: `issued token #${index}`, value }));
    assert.ok(issued.some((secret) => secret.value === token), 'the session token is among those looked for');
    assert.deepEqual(secretsIn(issued, { document: text }), [], 'no issued token appears in the document');
    assert.ok(ui.messages.some((shown) => shown.actions.includes('Copy Access Token')));
  });

  test('an account without servers says so', async () => {
    const { ui, control } = await freshStart();
    await signInAs('carol', ui, control);
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.ok(ui.messages.some((shown) => shown.message === 'No Plex Media Server was found on your Plex account.'));
  });
});
