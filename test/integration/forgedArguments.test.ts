// Other extensions can run any Plex command with any argument. A command argument is a reference
// (a server's client identifier, a device id, a Home user's uuid) looked up in what plex.tv listed
// for the signed-in account; anything else is refused with a message and sends nothing: no token
// to a host the argument names, no request on behalf of an unknown id.
import * as assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import * as vscode from 'vscode';
import { freshStart, signedInAs } from './helpers';
import type { ScriptedUi } from './scriptedUi';

/**
 * A listener on this computer that records every connection and the first bytes sent on it, then
 * hangs up (a request fails fast instead of waiting for its timeout). The forged arguments point
 * at it over https and http (plain http to this computer counts as a secure connection, so a
 * token would go to it without a prompt).
 */
class Listener {
  private readonly received: string[] = [];
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('data', (chunk: Buffer) => {
        this.received.push(chunk.toString('latin1'));
        socket.destroy();
      });
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    });
  }

  static async start(): Promise<Listener> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new Listener(server);
  }

  /** What reached it, without any token: request lines, and whether a request carried X-Plex-Token. */
  summary(): string {
    const requests = this.received.map((bytes) => {
      const requestLine = /^[A-Z]+ \S+ HTTP\/1\.[01]/.exec(bytes)?.[0].replace(/X-Plex-Token=[^&\s]*/gi, 'X-Plex-Token=***') ?? 'TLS or other bytes';
      return `${requestLine}${/\r\nx-plex-token:/i.test(bytes) ? ' (with an X-Plex-Token header)' : ''}`;
    });
    return `${this.connections} connection(s): ${requests.join('; ')}`;
  }

  get port(): number {
    const address = this.server.address();
    assert.ok(address && typeof address === 'object');
    return address.port;
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A server object in the shape the Servers view once passed, with every connection at the listener. */
function forgedServer(port: number, clientIdentifier: string): Record<string, unknown> {
  const connections = [`https://127.0.0.1:${port}`, `http://127.0.0.1:${port}`, `https://localhost:${port}`].map((uri) => ({
    uri,
    protocol: uri.startsWith('https') ? 'https' : 'http',
    local: true,
    relay: false,
  }));
  return { name: 'Forged', clientIdentifier, owned: true, provides: ['server'], connections };
}

/** Every argument shape a caller could try for a server command. */
function forgedServerArguments(port: number, ids: readonly string[]): unknown[] {
  const shapes: unknown[] = [];
  for (const id of ids) {
    const server = forgedServer(port, id);
    shapes.push(
      { server },
      { kind: 'server', server, serverId: id },
      { kind: 'connection', server, connection: (server.connections as unknown[])[0], value: `https://127.0.0.1:${port}`, serverId: id },
      { serverId: id },
      server,
      id,
    );
  }
  // A prototype key in parsed JSON becomes an own property named "__proto__".
  shapes.push(JSON.parse(`{"__proto__": ${JSON.stringify(forgedServer(port, 'proto'))}, "serverId": "__proto__"}`) as unknown);
  shapes.push(Object.assign(Object.create(forgedServer(port, 'inherited')) as object, {}));
  return shapes;
}

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'];

async function run(command: string, argument: unknown): Promise<void> {
  try {
    await vscode.commands.executeCommand(command, argument);
  } catch {
    // A refusal may also reject; either way, what matters is what was sent.
  }
}

function assertRefusedClearly(ui: ScriptedUi, what: string): void {
  const refusals = ui.messages.filter((shown) => shown.severity !== 'info');
  assert.ok(refusals.length > 0, `${what}: refused with a message (shown: ${JSON.stringify(ui.messages)})`);
  ui.messages.length = 0;
  ui.questions.length = 0;
}

suite('Forged command arguments', () => {
  let listener: Listener;

  setup(async () => {
    listener = await Listener.start();
  });

  teardown(async () => {
    await listener.close();
    await freshStart();
  });

  test('server commands: forged servers, unknown ids and prototype names send nothing to the host they name', async function () {
    this.timeout(120_000);
    const { ui, control } = await freshStart();
    const token = await signedInAs('alice', ui, control);
    await vscode.env.clipboard.writeText('nothing secret');
    const ids = ['not-a-listed-server', ...PROTOTYPE_NAMES];
    for (const command of ['plex.copyTransientToken', 'plex.showSourceConnectionInformation', 'plex.setDefaultServer', 'plex.testConnections']) {
      for (const argument of forgedServerArguments(listener.port, ids)) {
        ui.insecureAnswers = [true, true, true];
        await run(command, argument);
        assert.equal(listener.connections, 0, `${command} ${JSON.stringify(argument)} contacted the host it names: ${listener.summary()}`);
        assertRefusedClearly(ui, `${command} ${JSON.stringify(argument)}`);
      }
    }
    assert.equal(await vscode.env.clipboard.readText(), 'nothing secret');
    const serverRequests = (await control.log()).filter((entry) => entry.route.startsWith('pms.'));
    assert.deepEqual(serverRequests, [], 'no request reached any server');
    assert.ok(!JSON.stringify(ui.messages).includes(token));
  });

  test("another account's server id: refused, nothing sent to it or to the host the argument names", async function () {
    this.timeout(120_000);
    const { ui, control } = await freshStart();
    const aliceServers = (await control.state()).servers.filter((server) => server.owner === 'alice');
    assert.ok(aliceServers.length > 0);
    await signedInAs('bob', ui, control);
    await vscode.env.clipboard.writeText('nothing secret');
    for (const command of ['plex.copyTransientToken', 'plex.showSourceConnectionInformation', 'plex.setDefaultServer']) {
      for (const argument of forgedServerArguments(
        listener.port,
        aliceServers.map((server) => server.clientIdentifier),
      )) {
        await run(command, argument);
        assert.equal(listener.connections, 0, `${command} ${JSON.stringify(argument)} contacted the host it names: ${listener.summary()}`);
        assertRefusedClearly(ui, `${command} ${JSON.stringify(argument)}`);
      }
    }
    assert.deepEqual((await control.log()).filter((entry) => entry.route.startsWith('pms.')), []);
    assert.equal(await vscode.env.clipboard.readText(), 'nothing secret');
  });

  test('Remove Device: a device id plex.tv did not list for this account is refused before any prompt or request', async () => {
    const { ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const bobsDevices = await control.devices('bob');
    const forgedIds: unknown[] = [987654321, ...bobsDevices.map((device) => device.id), ...PROTOTYPE_NAMES, '1', -1, Number.NaN];
    for (const id of forgedIds) {
      const device = { id, name: 'Forged', clientIdentifier: 'forged', provides: [], current: false };
      for (const argument of [{ kind: 'device', device, deviceId: id }, { deviceId: id }, { device }, id]) {
        ui.removeDeviceAnswers = [true];
        await run('plex.removeDevice', argument);
        assert.ok(!ui.questions.some((question) => question.startsWith('removeDevice:')), `asked to remove ${JSON.stringify(argument)}`);
        assertRefusedClearly(ui, `plex.removeDevice ${JSON.stringify(argument)}`);
      }
    }
    assert.deepEqual((await control.log()).filter((entry) => entry.route === 'devices.remove'), [], 'no removal was sent');
  });

  test('Switch Home User: a user plex.tv did not list in this Home is refused, no switch is sent', async () => {
    const { ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const forged = ['no-such-user', ...PROTOTYPE_NAMES];
    for (const uuid of forged) {
      const user = { uuid, title: 'Forged', kind: 'member', admin: false, protected: false };
      for (const argument of [{ user }, { kind: 'user', user, userUuid: uuid }, { userUuid: uuid }, uuid]) {
        await run('plex.switchHomeUser', argument);
        assertRefusedClearly(ui, `plex.switchHomeUser ${JSON.stringify(argument)}`);
      }
    }
    assert.deepEqual((await control.log()).filter((entry) => entry.route === 'home.switch'), [], 'no switch was sent');
  });

  test('Switch Account: an account not signed in here is refused, nothing switched or sent; forged account objects are no reference', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const carolToken = await control.issueToken('carol');
    ui.tokens.push(carolToken);
    ui.signInMethod = 'token';
    await vscode.commands.executeCommand('plex.addAccount');
    const aliceId = (await api.testing.authenticationSessions()).find((session) => session.account.label === 'alice')?.id;
    assert.ok(aliceId);
    const bobToken = await control.issueToken('bob');
    await control.clearLog();
    ui.messages.length = 0;
    ui.questions.length = 0;
    const forgedAccount = { token: bobToken, account: { id: 2, uuid: 'uuid-bob', username: 'bob' }, signedInAt: 1, method: 'token' };
    const forgedIds = ['no-such-account', 'uuid-bob', ...PROTOTYPE_NAMES];
    const argumentsToTry: unknown[] = [
      ...forgedIds.flatMap((id) => [{ accountId: id }, { account: forgedAccount, accountId: id }, id]),
      forgedAccount,
      { session: forgedAccount },
      { accountId: 42 },
      Object.create({ accountId: aliceId }) as object,
      JSON.parse(`{"__proto__": {"accountId": ${JSON.stringify(aliceId)}}}`) as unknown,
    ];
    for (const argument of argumentsToTry) {
      await run('plex.switchAccount', argument);
      assert.equal(api.testing.accountUsername(), 'carol', `switched by ${JSON.stringify(argument)}`);
      assertRefusedClearly(ui, `plex.switchAccount ${JSON.stringify(argument)}`);
    }
    assert.ok(!(await api.testing.readStoredSession())?.includes(bobToken), 'no forged account was stored');
    assert.deepEqual(await control.log(), [], 'nothing was sent');
  });
});
