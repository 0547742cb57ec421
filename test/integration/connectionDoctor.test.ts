// Plex: Test Connections in the real extension host against the stand-in's Dave's Server, whose
// connections refuse, answer past the timeout, answer as another server (Alice's Library), or
// answer; and the connection Copy Transient Token chooses from the same probes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DAVE_CONNECTIONS } from '../standin/accounts';
import type { StandInControl } from '../standin/controlClient';
import { extensionApi, freshStart, setSetting, signedInAs, standIn, waitFor } from './helpers';

const DAVE = "Dave's Server";
const LIBRARY_ID = 'a11ce0000000000000000000000000000000001';

/** Text as a person reads it: without the invisible spaces that keep server names from forming links. */
const plain = (text: unknown): string => String(typeof text === 'object' && text !== null && 'label' in text ? text.label : (text ?? '')).replace(/\u200b/g, '');

async function daveId(control: StandInControl): Promise<string> {
  const server = (await control.state()).servers.find((candidate) => candidate.name === DAVE);
  assert.ok(server);
  return server.clientIdentifier;
}

/** The description of each connection row of the server, by URI, and the server row's description. */
async function rowsOf(serverName: string): Promise<{ server: string; connections: Map<string, { description: string; tooltip: string; context: string }> }> {
  const api = await extensionApi();
  const rows = await api.testing.serverTreeRows();
  const row = rows.find((candidate) => plain(candidate.item.label) === serverName);
  assert.ok(row, `${serverName} has a row`);
  return {
    server: plain(row.item.description),
    connections: new Map(
      row.children.map((child) => [
        plain(child.label),
        { description: plain(child.description), tooltip: plain(typeof child.tooltip === 'string' ? child.tooltip : ''), context: child.contextValue ?? '' },
      ]),
    ),
  };
}

suite('Connection doctor: Plex: Test Connections', function () {
  this.timeout(60_000);

  teardown(async () => {
    await setSetting('requestTimeoutSeconds', undefined);
    await setSetting('clipboard.clearAfterSeconds', undefined);
    await standIn().reset();
  });

  test('on a server row: every connection becomes a row with its result, the server row shows the best address, /identity gets no token, the token goes once to the best', async () => {
    const { api, ui, control } = await freshStart();
    await setSetting('requestTimeoutSeconds', 1);
    await signedInAs('dave', ui, control);
    const id = await daveId(control);
    await vscode.commands.executeCommand('plex.refresh');
    await control.clearLog();
    // Requests in the extension's own log (kept for the whole run), the slow one's timeout included.
    const requests = async (path: string) => (await api.testing.logText()).split('\n').filter((line) => line.includes(`${path} `)).length;
    const identitiesBefore = await requests('/identity');

    await vscode.commands.executeCommand('plex.testConnections', { serverId: id });

    await waitFor('one /identity per connection in the log', async () => (await requests('/identity')) - identitiesBefore >= 4);
    assert.equal((await requests('/identity')) - identitiesBefore, 4, 'one /identity per connection, no more');

    const rows = await rowsOf(DAVE);
    const byWhat = (what: string) => [...rows.connections.entries()].filter(([, row]) => row.description.startsWith(what));
    assert.equal(rows.connections.size, 4, 'a row per connection');
    assert.equal(byWhat('refused').length, 1, JSON.stringify([...rows.connections]));
    assert.equal(byWhat('timed out').length, 1, JSON.stringify([...rows.connections]));
    assert.equal(byWhat('another server answered').length, 1, JSON.stringify([...rows.connections]));
    const [best] = byWhat('best');
    assert.ok(best, JSON.stringify([...rows.connections]));
    const [bestUri, bestRow] = best;
    assert.match(bestRow.description, /^best · \d+ ms · local · http$/);
    assert.equal(bestRow.context, 'plex.connection.best');
    assert.match(bestRow.tooltip, /Your token works here\./);
    assert.equal(byWhat('refused')[0][0], 'https://127.0.0.1:1');
    assert.match(byWhat('refused')[0][1].description, /^refused · local · https$/);
    assert.match(byWhat('timed out')[0][1].description, /^timed out · remote · http$/);
    assert.match(byWhat('another server answered')[0][1].tooltip, /no token is sent to it/);
    // The server's row: the best address and its latency.
    assert.match(rows.server, new RegExp(`^${new URL(bestUri).host.replace(/\./g, '\\.')} · \\d+ ms$`));

    const summary = ui.messages.find((shown) => shown.severity === 'info');
    assert.match(plain(summary?.message), new RegExp(`^1 of 4 connections of ${DAVE} answered; the best is ${bestUri.replace(/[.:/]/g, '\\$&')} \\(\\d+ ms\\)\\. Your token works there\\.$`));

    const log = await control.log();
    const identities = log.filter((entry) => entry.route === 'pms.identity');
    assert.ok(identities.length >= 2, 'the answering connections were asked who they are');
    assert.deepEqual(identities.filter((entry) => 'x-plex-token' in entry.headers), [], 'no token went to /identity');
    assert.deepEqual(
      log.filter((entry) => entry.route === 'pms.root').map((entry) => `${entry.host} ${entry.headers['x-plex-token']}`),
      [`${id} ***`],
      'one authenticated request, to Dave\'s Server itself',
    );
    assert.deepEqual(log.filter((entry) => entry.host === LIBRARY_ID && entry.route !== 'pms.identity'), [], 'the impostor got nothing but the token-less /identity');
    assert.deepEqual(await control.violations(), []);
  });

  test('from the palette: asks which server, then tests it', async () => {
    const { ui, control } = await freshStart();
    await setSetting('requestTimeoutSeconds', 1);
    await signedInAs('alice', ui, control);
    ui.serverToPick = "Alice's Library";
    await vscode.commands.executeCommand('plex.testConnections');
    assert.deepEqual(ui.questions.filter((question) => question.startsWith('server:')).map(plain), ["server:Alice's Library,Alice's Cloud"]);
    const rows = await rowsOf("Alice's Library");
    assert.equal(rows.connections.get('https://127.0.0.1:1')?.description, 'refused · remote · https');
    assert.match(plain(ui.messages.at(-1)?.message), /^1 of 2 connections of Alice's Library answered; the best is http:\/\/127\.0\.0\.1:\d+ \(\d+ ms\)\. Your token works there\.$/);
  });

  test('the connections are probed in parallel: the whole test takes about the slowest connection up to the timeout, not the sum', async () => {
    const { ui, control } = await freshStart();
    await setSetting('requestTimeoutSeconds', 1);
    await signedInAs('dave', ui, control);
    const id = await daveId(control);
    await control.setConnectionDelay(id, DAVE_CONNECTIONS.good, 600);
    await control.setConnectionDelay(id, DAVE_CONNECTIONS.impostor, 600);
    // The server list is read before the clock starts.
    await vscode.commands.executeCommand('plex.refresh');

    const started = Date.now();
    await vscode.commands.executeCommand('plex.testConnections', { serverId: id });
    const elapsed = Date.now() - started;

    // One after another: 1000 (the slow one's timeout) + 600 + 600 ms and more.
    assert.ok(elapsed >= 1000, `took ${elapsed} ms: the slow connection ran to its timeout`);
    assert.ok(elapsed < 1800, `took ${elapsed} ms: about the slowest connection (1000 ms), not the sum (2200 ms)`);
    const rows = await rowsOf(DAVE);
    assert.ok([...rows.connections.values()].some((row) => /^best · \d+ ms/.test(row.description)));
  });

  test('a probe waits at most 5 s, whatever the request timeout', async function () {
    this.timeout(30_000);
    const { ui, control } = await freshStart();
    await setSetting('requestTimeoutSeconds', 15);
    await signedInAs('dave', ui, control);
    const id = await daveId(control);
    const started = Date.now();
    await vscode.commands.executeCommand('plex.testConnections', { serverId: id });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 4900 && elapsed < 7000, `took ${elapsed} ms: the slow connection (30 s) was given up after 5 s`);
  });

  test('Copy Transient Token starts as soon as the best connection that can still answer has answered: a refused and a slow one listed ahead do not hold it up', async () => {
    const { ui, control } = await freshStart();
    await setSetting('clipboard.clearAfterSeconds', 0);
    await signedInAs('dave', ui, control);
    const id = await daveId(control);
    await vscode.commands.executeCommand('plex.refresh');
    await control.clearLog();

    const started = Date.now();
    await vscode.commands.executeCommand('plex.copyTransientToken', { serverId: id });
    const elapsed = Date.now() - started;

    const copied = await vscode.env.clipboard.readText();
    assert.ok((await control.issuedTokens()).includes(copied), 'a token the server issued was copied');
    // The slow connection answers after 30 s and the probe timeout is 5 s: neither was waited for.
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    const log = await control.log();
    assert.deepEqual(
      log.filter((entry) => entry.route === 'pms.transientToken').map((entry) => entry.host),
      [id],
      'the token went to Dave\'s Server once',
    );
    assert.deepEqual(log.filter((entry) => entry.host === LIBRARY_ID && entry.route !== 'pms.identity'), [], 'the connection that answered as another server got no token');
    assert.deepEqual(log.filter((entry) => entry.route === 'pms.identity' && 'x-plex-token' in entry.headers), []);
  });

  test('Copy Transient Token waits for a better-ranked connection that is still answering, not for a worse one', async () => {
    const { ui, control } = await freshStart();
    await setSetting('clipboard.clearAfterSeconds', 0);
    await signedInAs('dave', ui, control);
    const id = await daveId(control);
    // The good connection (local) answers after 700 ms; the impostor (remote) at once: the good one is waited for.
    await control.setConnectionDelay(id, DAVE_CONNECTIONS.good, 700);
    await vscode.commands.executeCommand('plex.refresh');
    const started = Date.now();
    await vscode.commands.executeCommand('plex.copyTransientToken', { serverId: id });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 700, `took ${elapsed} ms: it waited for the better-ranked connection`);
    assert.ok((await control.issuedTokens()).includes(await vscode.env.clipboard.readText()));
  });

  test('the best connection refusing the token: its row says so, and the message is the one Copy Transient Token shows', async () => {
    const { api, ui, control } = await freshStart();
    await setSetting('requestTimeoutSeconds', 1);
    await signedInAs('dave', ui, control);
    const id = await daveId(control);
    await control.addFault({ route: 'pms.root', server: id, fault: { kind: 'token-revoked' }, times: 1 });
    await vscode.commands.executeCommand('plex.testConnections', { serverId: id });
    const rows = await rowsOf(DAVE);
    const best = [...rows.connections.values()].find((row) => row.description.startsWith('best'));
    assert.ok(best, JSON.stringify([...rows.connections]));
    assert.match(best.tooltip, /Dave's Server did not accept your Plex token at this address\./);
    const shown = ui.messages.find((message) => message.severity === 'error');
    assert.equal(plain(shown?.message), "Dave's Server did not accept your Plex token. Refresh the server list, or check that your account may use this server.");
    assert.equal(api.status, 'signedIn', 'a server refusing the token says nothing about the account');
  });

  test('no connection answering: the best-ranked connection\'s failure, with Retry; every row says why', async () => {
    const { ui, control } = await freshStart();
    await setSetting('requestTimeoutSeconds', 1);
    await signedInAs('dave', ui, control);
    const id = await daveId(control);
    await control.setConnectionDelay(id, DAVE_CONNECTIONS.good, 30_000);
    await vscode.commands.executeCommand('plex.testConnections', { serverId: id });
    assert.match(plain(ui.messages.at(-1)?.message), /^None of the 4 connections of Dave's Server answered\. The Servers view shows why for each\.$/);
    const rows = await rowsOf(DAVE);
    assert.equal(rows.server, 'no connection answered');
    assert.ok([...rows.connections.values()].every((row) => !row.description.startsWith('best')));
    ui.messages.length = 0;
    await vscode.commands.executeCommand('plex.copyTransientToken', { serverId: id });
    const shown = ui.messages.find((message) => message.severity === 'error');
    // The best-ranked connection's failure (refused), as any unreachable server is reported.
    assert.equal(plain(shown?.message), "Dave's Server could not be reached. Check your connection.");
    assert.ok(shown?.actions.includes('Retry'), JSON.stringify(shown));
    assert.deepEqual(
      (await control.log()).filter((entry) => entry.route === 'pms.transientToken'),
      [],
      'no token was sent',
    );
  });
});
