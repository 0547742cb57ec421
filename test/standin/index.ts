// Starts the Plex stand-in: one listener for plex.tv (with the control API), one per Plex Media
// Server, and one for the browser approval page on another loopback address (see types.ts).
import { DEMO_ACCOUNTS } from './accounts';
import { AUTH_PATH, authPageHandler } from './authPage';
import { CONTROL_PREFIX, handleControl } from './control';
import { serveSite } from './dispatch';
import { Listener, PendingTimers, type RequestHandler } from './listener';
import { jwtControls } from './jwt/controls';
import { clientsPlexTvSite, withClientsPlexTv } from './jwt/site';
import { plexTvSite } from './plexTv';
import { pmsSite } from './pms';
import { monitorSpecConformance } from './specMonitor';
import { recordStartedStandIn } from './startedStandIns';
import type { StandIn, StandInOptions } from './types';
import { StandInWorld, type ServerRecord } from './world';

export { DEMO_ACCOUNTS };
export type * from './types';

const DEFAULT_AUTH_HOST = '127.0.0.2';

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const host = options.host ?? '127.0.0.1';
  const world = new StandInWorld(options.accounts ?? DEMO_ACCOUNTS, { serversAcceptJwt: options.serversAcceptJwt === true });
  await monitorSpecConformance(world);
  const timers = new PendingTimers();
  const listeners: Listener[] = [];
  const closeAll = async (): Promise<void> => {
    timers.closeAll();
    await Promise.all(listeners.map((listener) => listener.close()));
  };

  try {
    const plexTv = serveSite(withClientsPlexTv(plexTvSite(world), world), world, timers);
    const plexTvListener = await Listener.start(host, options.port ?? 0, (req, res) => {
      if ((req.url ?? '').startsWith(CONTROL_PREFIX)) handleControl(world, req, res);
      else plexTv(req, res);
    });
    listeners.push(plexTvListener);
    world.plexTvUrl = plexTvListener.url;

    if (options.clientsOnOwnHost === true) {
      const clientsListener = await Listener.start(host, 0, serveSite(clientsPlexTvSite(world), world, timers));
      listeners.push(clientsListener);
      world.clientsUrl = clientsListener.url;
    }

    for (const server of world.servers) {
      const listener = await Listener.start(host, 0, serveSite(pmsSite(world, server), world, timers));
      listeners.push(listener);
      server.url = listener.url;
    }
    for (const server of world.servers) {
      for (const [index, seed] of server.seed.connections.entries()) {
        if (seed.delayMs === undefined && seed.answersAs === undefined) continue;
        const listener = await Listener.start(host, 0, connectionHandler(world, server, index, timers));
        listeners.push(listener);
        server.connectionUrls[index] = listener.url;
      }
    }

    const authListener = await startAuthListener(options.authHost ?? DEFAULT_AUTH_HOST, authPageHandler(world));
    listeners.push(authListener);
    world.authUrl = `${authListener.url}${AUTH_PATH}`;
  } catch (error) {
    await closeAll();
    throw error;
  }

  let closing: Promise<void> | undefined;
  recordStartedStandIn({ plexTvUrl: world.plexTvUrl, violationRecord: () => world.violationRecord() });
  return {
    ...world.state(),
    issueToken: (username) => world.issueToken(username),
    revokeToken: (token) => world.revokeToken(token),
    approvePin: (pinId, username) => {
      const pin = world.pins.byId(pinId);
      if (pin === undefined) throw new Error(`no live PIN ${pinId}`);
      world.approvePin(pin, world.requireAccount(username).seed.username);
    },
    setPinAutoApproval: (afterPolls, username) => world.setPinAutoApproval(afterPolls, username),
    restartServer: (clientIdentifier) => world.restartServer(clientIdentifier),
    setConnectionDelay: (clientIdentifier, index, delayMs) => world.setConnectionDelay(clientIdentifier, index, delayMs),
    addFault: (rule) => world.faults.add(rule),
    clearFaults: () => world.faults.clear(),
    log: () => world.log.list(),
    clearLog: () => world.log.clear(),
    violations: () => world.violations(),
    clearViolations: () => world.clearViolations(),
    reset: () => world.reset(),
    issuedTokens: () => world.issuedTokens(),
    ...world.tools.api(),
    jwt: jwtControls(world),
    close: () => (closing ??= closeAll()),
  };
}

/**
 * A connection with a listener of its own: it answers as the server it names (`answersAs`, else
 * its own), after the connection's delay. A delay past the client's timeout is a connection that
 * never answers in time; close() cancels the wait. A request whose client left during the delay is
 * dropped unserved and unlogged: logged when the delay ends, it would land in the request log long
 * after the action that sent it, in whatever is being counted then.
 */
function connectionHandler(world: StandInWorld, server: ServerRecord, index: number, timers: PendingTimers): RequestHandler {
  const answersAs = server.seed.connections[index].answersAs;
  const serve = serveSite(pmsSite(world, answersAs === undefined ? server : world.requireServer(answersAs)), world, timers);
  return (req, res) => {
    const delayMs = server.connectionDelays[index];
    if (delayMs <= 0) serve(req, res);
    else
      timers.after(delayMs, () => {
        if (!req.socket.destroyed) serve(req, res);
      });
  };
}

/** 127.0.0.2 keeps the page's URL intact through code-server's openExternal; not every system has it. */
async function startAuthListener(authHost: string, handler: RequestHandler): Promise<Listener> {
  try {
    return await Listener.start(authHost, 0, handler);
  } catch (error) {
    if (authHost !== DEFAULT_AUTH_HOST) throw error;
    return Listener.start('127.0.0.1', 0, handler);
  }
}
