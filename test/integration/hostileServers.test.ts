// Servers that answer slowly, never, too much, too deep, in broken UTF-8 or
// with a redirect to someone else: the extension gives up in time, caps memory, stays
// responsive, and never hands the token to a host the user did not choose.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandInServerInfo } from '../standin/types';
import { freshStart, setSetting, signInAs, waitFor } from './helpers';
import type { ScriptedUi } from './scriptedUi';

const MiB = 1024 * 1024;

/** Signed in as alice with Alice's Cloud as the default server; messages so far forgotten. */
async function signedInWithCloud(): Promise<Awaited<ReturnType<typeof freshStart>> & { cloud: StandInServerInfo; library: StandInServerInfo }> {
  const started = await freshStart();
  const { ui, control } = started;
  const servers = (await control.state()).servers;
  const cloud = servers.find((server) => server.name === "Alice's Cloud");
  const library = servers.find((server) => server.name === "Alice's Library");
  assert.ok(cloud && library);
  await signInAs('alice', ui, control);
  ui.serverToPick = cloud.name;
  await vscode.commands.executeCommand('plex.selectServer');
  ui.messages.length = 0;
  ui.questions.length = 0;
  await control.clearLog();
  return { ...started, cloud, library };
}

/** Runs `action` while sampling this process's memory; resolves the largest growth seen, in bytes. */
async function peakMemoryGrowth(action: () => Promise<unknown>): Promise<number> {
  const used = (): number => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const start = used();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 2);
  try {
    await action();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, used()) - start;
}

function onlyError(ui: ScriptedUi): string {
  const problems = ui.messages.filter((message) => message.severity !== 'info');
  assert.equal(problems.length, 1, JSON.stringify(ui.messages));
  return problems[0].message;
}

suite('Hostile and broken servers', () => {
  teardown(async () => {
    await setSetting('requestTimeoutSeconds', undefined);
    await setSetting('clipboard.clearAfterSeconds', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await freshStart();
  });

  test('an answer trickling in byte by byte: given up within the timeout, on plex.tv and on a server', async () => {
    const { ui, control, api } = await signedInWithCloud();
    await setSetting('requestTimeoutSeconds', 1);
    await control.addFault({ route: 'user', fault: { kind: 'trickle', bytesPerSecond: 20 } });
    await control.addFault({ route: 'pms.transientToken', fault: { kind: 'trickle', bytesPerSecond: 20 } });
    for (const command of ['plex.refresh', 'plex.copyTransientToken']) {
      ui.messages.length = 0;
      const started = Date.now();
      await vscode.commands.executeCommand(command);
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 2500, `${command} gave up after ${elapsed} ms, the timeout is 1 s`);
      assert.match(onlyError(ui), /did not answer in time/);
    }
    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.activeProgress(), 0);
  });

  test('a server that never answers: the extension stays responsive meanwhile and gives up within the timeout', async () => {
    const { ui, control, api } = await signedInWithCloud();
    await setSetting('requestTimeoutSeconds', 2);
    await control.addFault({ route: 'pms.transientToken', fault: { kind: 'hang' } });
    const started = Date.now();
    const hanging = Promise.resolve(vscode.commands.executeCommand('plex.copyTransientToken'));
    await waitFor('the request to hang', async () => (await control.log()).some((entry) => entry.route === 'pms.transientToken'));

    // While it hangs: another command that talks to plex.tv runs and finishes.
    await vscode.commands.executeCommand('plex.refresh');
    assert.ok(Date.now() - started < 2000, 'refresh finished while the server was still hanging');
    assert.deepEqual(ui.errors(), []);
    assert.equal(api.testing.activeProgress(), 1, 'only the hanging copy is still running');

    await hanging;
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 1900 && elapsed < 3500, `gave up after ${elapsed} ms, the timeout is 2 s`);
    assert.deepEqual(ui.errors(), ["Alice's Cloud did not answer in time. Check your connection, or raise \"plex.requestTimeoutSeconds\"."]);
    assert.equal(api.testing.activeProgress(), 0);
  });

  test('a 100 MB answer, with or without Content-Length: unreadable, memory grows by far less than its size, the next request works', async () => {
    const { ui, control } = await signedInWithCloud();
    for (const declareLength of [false, true]) {
      ui.messages.length = 0;
      await control.addFault({ route: 'pms.transientToken', fault: { kind: 'oversized', bytes: 100 * MiB, declareLength }, times: 1 });
      const growth = await peakMemoryGrowth(() => Promise.resolve(vscode.commands.executeCommand('plex.copyTransientToken')));
      assert.ok(growth < 24 * MiB, `memory grew by ${Math.round(growth / MiB)} MiB while a 100 MB answer arrived`);
      assert.equal(onlyError(ui), "Alice's Cloud sent an answer that could not be read. The log has the details.");
    }
    ui.messages.length = 0;
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.match(await vscode.env.clipboard.readText(), /^transient-/, 'the next request works');
  });

  test('deeply nested JSON (100 000 levels) from plex.tv and from a server: a clear message, no crash', async () => {
    const { ui, control, api } = await signedInWithCloud();
    await control.addFault({ route: 'user', fault: { kind: 'deep-json' }, times: 1 });
    await control.addFault({ route: 'pms.sourceConnection', fault: { kind: 'deep-json' }, times: 1 });
    await vscode.commands.executeCommand('plex.refresh');
    assert.equal(onlyError(ui), 'Plex sent an answer that could not be read. The log has the details.');
    ui.messages.length = 0;
    await vscode.commands.executeCommand('plex.showSourceConnectionInformation');
    assert.equal(onlyError(ui), "Alice's Cloud sent an answer that could not be read. The log has the details.");
    ui.messages.length = 0;
    await vscode.commands.executeCommand('plex.refresh');
    assert.deepEqual(ui.errors(), [], 'the next request works');
    assert.equal(api.status, 'signedIn');
  });

  test('invalid UTF-8: a server name shows with replacement characters; a token with broken bytes is never copied', async () => {
    const { ui, control, api } = await signedInWithCloud();
    await setSetting('clipboard.clearAfterSeconds', 0);
    await control.addFault({ route: 'resources', fault: { kind: 'invalid-utf8', field: 'name' }, times: 1 });
    await vscode.commands.executeCommand('plex.refresh');
    const names = api.testing.cachedServerNames() ?? [];
    assert.ok(names.includes("\ufffd(\ufffd\ufffd\ufffd\ufffd\ufffdAlice's Cloud"), JSON.stringify(names));

    await vscode.env.clipboard.writeText('before');
    await control.addFault({ route: 'pms.transientToken', fault: { kind: 'invalid-utf8', field: 'MediaContainer.token' }, times: 1 });
    ui.messages.length = 0;
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.equal(await vscode.env.clipboard.readText(), 'before', 'a token that is not what the server issued is not copied');
    assert.match(onlyError(ui), /could not be read/);

    // Nor is an account token stored that arrived garbled.
    await vscode.commands.executeCommand('plex.signOut');
    ui.messages.length = 0;
    await control.addFault({ route: 'signin', fault: { kind: 'invalid-utf8', field: 'authToken' }, times: 1 });
    ui.logins.push('carol');
    ui.passwords.push('carol-password');
    await vscode.commands.executeCommand('plex.signInWithPassword');
    assert.equal(onlyError(ui), 'Plex sent an answer that could not be read. The log has the details.');
    assert.equal(await api.testing.readStoredSession(), undefined);
  });

  test('a redirect to another host is not followed: the token never reaches it', async () => {
    const { ui, control, cloud, library } = await signedInWithCloud();
    await control.addFault({
      route: 'pms.transientToken',
      fault: { kind: 'redirect', location: `${library.url}/security/token?type=delegation&scope=all` },
    });
    await control.addFault({ route: 'user', fault: { kind: 'redirect', location: `${library.url}/identity`, status: 307 } });
    await vscode.commands.executeCommand('plex.copyTransientToken');
    await vscode.commands.executeCommand('plex.refresh');

    const hosts = (await control.log()).map((entry) => entry.host);
    // Refresh reads the account and the servers in parallel: plex.tv may be asked twice.
    assert.deepEqual([...new Set(hosts)], [cloud.clientIdentifier, 'plex.tv'], 'nothing reached the other host');
    assert.deepEqual(ui.errors(), [
      "Alice's Cloud sent an answer that could not be read. The log has the details.",
      'Plex sent an answer that could not be read. The log has the details.',
    ]);
  });

  test('a same-origin redirect is followed as before', async () => {
    const { ui, control, cloud } = await signedInWithCloud();
    await control.addFault({
      route: 'pms.transientToken',
      fault: { kind: 'redirect', location: `${cloud.url}/security/token?type=delegation&scope=all` },
      times: 1,
    });
    await vscode.commands.executeCommand('plex.copyTransientToken');
    assert.deepEqual(ui.errors(), []);
    assert.match(await vscode.env.clipboard.readText(), /^transient-/);
  });
});
