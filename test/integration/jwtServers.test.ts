import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandInControl } from '../standin/controlClient';
import { setSetting } from './helpers';
import { secretsIn } from '../harness/secretScanner';
import { allSecrets, jwtOff, jwtSignInWithToken, jwtStart, signedInWithJwt, type TestApi } from './jwtHelpers';
import type { ScriptedUi } from './scriptedUi';

/**
 * A JWT session talking to Alice's Cloud through plex.serverUrl, spelled as an address plex.tv does
 * not list (localhost for 127.0.0.1): the user allows that host, and the server gets the Plex JWT itself.
 */
async function jwtOnServerUrl(): Promise<{ api: TestApi; ui: ScriptedUi; control: StandInControl; server: string; host: string }> {
  const { api, ui, control } = await jwtStart();
  await jwtSignInWithToken('alice', ui, control);
  await signedInWithJwt(api, control);
  const cloud = (await control.state()).servers.find((server) => server.name === "Alice's Cloud");
  assert.ok(cloud);
  const unlisted = new URL(cloud.url);
  unlisted.hostname = 'localhost';
  const address = unlisted.href.replace(/\/+$/, '');
  await setSetting('serverUrl', address);
  await api.testing.forgetServerAnswers();
  ui.serverAddressAnswers.push(true);
  await control.clearLog();
  ui.messages.length = 0;
  // A server given by address is named by its host in messages.
  return { api, ui, control, server: cloud.clientIdentifier, host: unlisted.host };
}

suite('JWT preview: servers', () => {
  suiteTeardown(async () => {
    await setSetting('serverUrl', undefined);
    await jwtOff();
  });

  test('a server set to accept the Plex JWT (Plex servers are reported to refuse them) hands out a transient token', async () => {
    const { api, ui, control, server, host } = await jwtOnServerUrl();
    await control.jwt.setServersRefuseJwt(false, server);
    await vscode.env.clipboard.writeText('before');
    await vscode.commands.executeCommand('plex.copyTransientToken');

    assert.deepEqual((await control.log()).map((entry) => `${entry.host} ${entry.route} ${entry.status}`), [
      'plex.tv resources 200', // is the address one of the listed servers? It is not: the user allowed it
      `${server} pms.transientToken 200`,
    ]);
    assert.deepEqual(ui.questions.filter((question) => question.startsWith('serverAddress:')), [`serverAddress:${new URL(`http://${host}`).host}`]);
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^transient-/);
    assert.deepEqual(ui.errors(), []);
    assert.equal(api.status, 'signedIn');
  });

  test('a server that refuses the Plex JWT: the message says so and how to turn the preview off; the session stays', async () => {
    const { api, ui, control, server, host } = await jwtOnServerUrl();
    await control.jwt.setServersRefuseJwt(true, server);
    await vscode.env.clipboard.writeText('before');
    await vscode.commands.executeCommand('plex.copyTransientToken');

    assert.equal(await vscode.env.clipboard.readText(), 'before', 'nothing copied');
    const shown = ui.messages.filter((message) => message.severity === 'error');
    assert.equal(shown.length, 1);
    assert.equal(
      shown[0]?.message,
      `${host} did not accept your Plex JWT (Plex Media Servers are reported to refuse JWTs). To use a classic token, turn off the setting "plex.jwt.enabled" and sign in again.`,
    );
    assert.deepEqual(shown[0]?.actions, ['Open Setting']);
    assert.equal(api.status, 'signedIn', 'one server refusing says nothing of the account');
    assert.deepEqual(secretsIn(await allSecrets(api, control), { messages: JSON.stringify(ui.messages) }), [], 'no secret in a message');
  });
});
