// A Plex Media Server: identity, transient tokens and source connection information. Servers
// follow the 2024-09 spec (GET only, JSON errors) or the 2026-02 spec (any verb, HTML 400/403).
import type { RequestContext, Site } from './dispatch';
import { queryValue } from './dispatch';
import { type Reply, htmlError, plexError } from './reply';
import { PMS_VERSION, connectionsOf } from './resources';
import { type RouteSpec, routeTable } from './routes';
import type { ServerRecord, StandInWorld } from './world';

export function pmsSite(world: StandInWorld, server: ServerRecord): Site {
  const modern = server.seed.spec === '2026-02';
  const specs: RouteSpec[] = [
    { method: 'GET', path: '/identity', route: 'pms.identity', handler: () => identity(server) },
    { method: 'GET', path: '/', route: 'pms.root', handler: (c) => capabilities(world, server, c) },
    { method: modern ? '*' : 'GET', path: '/security/token', route: 'pms.transientToken', handler: (c) => transientToken(world, server, c) },
    { method: 'GET', path: '/security/resources', route: 'pms.sourceConnection', handler: (c) => sourceConnection(world, server, c) },
  ];
  return {
    name: server.seed.clientIdentifier,
    serverId: server.seed.clientIdentifier,
    serverSpec: modern ? '2026-02' : '2024-09',
    lookup: routeTable(specs),
  };
}

function identity(server: ServerRecord): Reply {
  return {
    status: 200,
    json: { MediaContainer: { size: 0, claimed: true, machineIdentifier: server.seed.clientIdentifier, version: PMS_VERSION } },
    xmlRoot: 'MediaContainer',
  };
}

/** The server's capabilities (`GET /`): what a client reads first with its token; a few of the fields Plex sends. */
function capabilities(world: StandInWorld, server: ServerRecord, context: RequestContext): Reply {
  const rejection = rejectUnlessAuthorised(world, server, context);
  if (rejection !== undefined) return rejection;
  return {
    status: 200,
    json: {
      MediaContainer: {
        size: 0,
        friendlyName: server.seed.name,
        machineIdentifier: server.seed.clientIdentifier,
        version: PMS_VERSION,
        platform: 'Linux',
        myPlex: true,
      },
    },
    xmlRoot: 'MediaContainer',
  };
}

/** The error answers of this server's spec version. */
function errors(server: ServerRecord): { badRequest(message: string): Reply; unauthorized(): Reply; notFound(message: string): Reply } {
  if (server.seed.spec === '2026-02') {
    return {
      badRequest: (message) => htmlError(400, message),
      unauthorized: () => htmlError(403),
      notFound: (message) => htmlError(404, message),
    };
  }
  return {
    badRequest: (message) => plexError(400, 1000, message),
    unauthorized: () => plexError(401, 1001, 'User could not be authenticated'),
    notFound: (message) => plexError(404, 1000, message),
  };
}

/** Client identifier and token checks shared by the token-protected routes. */
function rejectUnlessAuthorised(world: StandInWorld, server: ServerRecord, context: RequestContext): Reply | undefined {
  if (context.clientIdentifier === undefined) return errors(server).badRequest('X-Plex-Client-Identifier is missing');
  if (!world.serverAccepts(server, context.token)) return errors(server).unauthorized();
  return undefined;
}

function transientToken(world: StandInWorld, server: ServerRecord, context: RequestContext): Reply {
  const rejection = rejectUnlessAuthorised(world, server, context);
  if (rejection !== undefined) return rejection;
  if (queryValue(context.url, 'type') !== 'delegation' || queryValue(context.url, 'scope') !== 'all') {
    return errors(server).badRequest('type=delegation and scope=all are required');
  }
  const token = world.issueTransientToken(server);
  return { status: 200, json: { MediaContainer: { size: 0, token } }, xmlRoot: 'MediaContainer' };
}

function sourceConnection(world: StandInWorld, server: ServerRecord, context: RequestContext): Reply {
  const rejection = rejectUnlessAuthorised(world, server, context);
  if (rejection !== undefined) return rejection;
  const source = /^(server|provider):\/\/(.+)$/.exec(queryValue(context.url, 'source') ?? '');
  if (source === null) return errors(server).badRequest('source must be server://<id> or provider://<id>');
  // Only servers of the same owner are known sources here; providers are not modelled.
  const target = source[1] === 'server' ? world.findServer(source[2]) : undefined;
  if (target === undefined || target.owner !== server.owner) return errors(server).notFound(`unknown source ${source[0]}`);
  return {
    status: 200,
    json: {
      MediaContainer: {
        size: 1,
        Device: {
          name: target.seed.name,
          clientIdentifier: target.seed.clientIdentifier,
          accessToken: target.accessToken,
          Connection: connectionsOf(target).map(({ IPv6: _ipv6, ...connection }) => connection),
        },
      },
    },
    xmlRoot: 'MediaContainer',
  };
}
