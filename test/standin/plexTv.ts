// plex.tv: the account routes under /api/v2 (see plex-auth-facts.md).
import type { RequestContext, Site } from './dispatch';
import { queryValue } from './dispatch';
import { JWT_MESSAGES, jwtErrorReply } from './jwt/book';
import { missingClientIdentifier, polledPin } from './pinPoll';
import { pinBody } from './pins';
import { ping } from './ping';
import { type Reply, plexError } from './reply';
import { accountToolRoutes } from './accountToolsRoutes';
import { webhookRoutes } from './webhookRoutes';
import { routeTable } from './routes';
import type { AccountRecord } from './accounts';
import type { StandInWorld } from './world';

export const NOT_AUTHENTICATED = 'User could not be authenticated';

export function plexTvSite(world: StandInWorld): Site {
  const lookup = routeTable([
    { method: 'POST', path: '/api/v2/users/signin', route: 'signin', handler: (c) => signIn(world, c) },
    { method: 'DELETE', path: '/api/v2/users/signout', route: 'signout', handler: (c) => signOut(world, c) },
    { method: 'POST', path: '/api/v2/pins', route: 'pins.create', handler: (c) => createPin(world, c) },
    { method: 'GET', path: '/api/v2/pins/:id', route: 'pins.check', handler: (c) => checkPin(world, c) },
    { method: 'GET', path: '/api/v2/user', route: 'user', handler: (c) => user(world, c) },
    { method: 'GET', path: '/api/v2/resources', route: 'resources', handler: (c) => resources(world, c) },
    ...accountToolRoutes(world),
    ...webhookRoutes(world),
    { method: 'GET', path: '/api/v2/ping', route: 'ping', handler: (c) => ping(authenticate(world, c)) },
  ]);
  return { name: 'plex.tv', lookup };
}

/** The client identifier and, when `needsToken`, the account; or the error plex.tv would send. */
export function authenticate(world: StandInWorld, context: RequestContext): Reply | AccountRecord {
  if (context.clientIdentifier === undefined) return missingClientIdentifier();
  const account = world.accountForToken(context.token);
  if (account === undefined && world.jwt.isExpired(context.token)) return jwtErrorReply(498, JWT_MESSAGES.expired);
  return account ?? plexError(401, 1001, NOT_AUTHENTICATED);
}

export async function readForm(context: RequestContext): Promise<URLSearchParams> {
  const body = await context.readBody();
  const type = String(context.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    const form = new URLSearchParams();
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [key, value] of Object.entries(parsed)) {
          if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') form.set(key, String(value));
        }
      }
    } catch {
      // An unparsable body is treated as an empty form: the sign-in then reports what is missing.
    }
    return form;
  }
  return new URLSearchParams(body);
}

async function signIn(world: StandInWorld, context: RequestContext): Promise<Reply> {
  if (context.clientIdentifier === undefined) return missingClientIdentifier();
  const form = await readForm(context);
  const login = form.get('login') ?? '';
  const password = form.get('password') ?? '';
  if (login === '' || password === '') return plexError(400, 1000, 'login and password are required');
  const account = world.findAccount(login);
  if (account === undefined || account.seed.password !== password) return plexError(401, 1001, NOT_AUTHENTICATED);
  const expectedCode = account.seed.verificationCode;
  if (expectedCode !== undefined && form.get('verificationCode') !== expectedCode) {
    return plexError(401, 1029, 'Please enter the verification code');
  }
  const token = world.issueToken(account.seed.username, context.clientIdentifier);
  return { status: 201, json: world.tools.home.accountBody(account, token), xmlRoot: 'user' };
}

function signOut(world: StandInWorld, context: RequestContext): Reply {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  if (context.token !== undefined) world.revokeToken(context.token);
  return { status: 204 };
}

function createPin(world: StandInWorld, context: RequestContext): Reply {
  if (context.clientIdentifier === undefined) return missingClientIdentifier();
  const strongParam = queryValue(context.url, 'strong');
  const strong = strongParam === 'true' || strongParam === '1';
  const product = headerOrQuery(context, 'X-Plex-Product');
  if (product === undefined) world.addViolation('PIN created without X-Plex-Product (plex.tv expects it)');
  const pin = world.pins.create(context.clientIdentifier, product ?? '0', strong);
  return { status: 201, json: pinBody(pin, world.plexTvUrl), xmlRoot: 'pin' };
}

function checkPin(world: StandInWorld, context: RequestContext): Reply {
  const pin = polledPin(world, context);
  if (!('id' in pin)) return pin;
  world.recordPinPoll(pin);
  return { status: 200, json: pinBody(pin, world.plexTvUrl), xmlRoot: 'pin' };
}

function user(world: StandInWorld, context: RequestContext): Reply {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  return { status: 200, json: world.tools.home.accountBody(account, context.token ?? ''), xmlRoot: 'user' };
}

function resources(world: StandInWorld, context: RequestContext): Reply {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  const body = world.tools.home.resourcesBody(account, context.token ?? '', {
    includeHttps: queryValue(context.url, 'includeHttps') === '1',
    includeRelay: queryValue(context.url, 'includeRelay') === '1',
  });
  return { status: 200, json: body, xmlRoot: 'resources' };
}

function headerOrQuery(context: RequestContext, name: string): string | undefined {
  const header = context.headers[name.toLowerCase()];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && value !== '' ? value : queryValue(context.url, name);
}
