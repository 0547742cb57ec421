// plex.tv routes of the account tools (plex-account-tools-facts.md sections 2-5): Home users and
// switching, /devices.xml and removing a device, claim tokens, and linking a plex.tv/link code.
import type { RequestContext } from './dispatch';
import { queryValue } from './dispatch';
import { PIN_REQUIRED } from './home';
import { authenticate, readForm } from './plexTv';
import { type Reply, plexError } from './reply';
import type { RouteSpec } from './routes';
import type { StandInWorld } from './world';

export function accountToolRoutes(world: StandInWorld): RouteSpec[] {
  return [
    { method: 'GET', path: '/api/v2/home/users', route: 'home.users', handler: (c) => homeUsers(world, c) },
    { method: 'POST', path: '/api/v2/home/users/:uuid/switch', route: 'home.switch', handler: (c) => switchUser(world, c) },
    { method: 'GET', path: '/devices.xml', route: 'devices', handler: (c) => devices(world, c) },
    { method: 'DELETE', path: '/devices/:file', route: 'devices.remove', handler: (c) => removeDevice(world, c) },
    { method: 'GET', path: '/api/claim/token.json', route: 'claim.token', handler: (c) => claimToken(world, c) },
    { method: 'PUT', path: '/api/v2/pins/link', route: 'pins.link', handler: (c) => link(world, c) },
  ];
}

/** A 404 without a Plex code, as plex.tv answers for things that are not there. */
function notFound(message: string): Reply {
  return { status: 404, json: { errors: [{ message, status: 404 }] }, xmlRoot: 'errors' };
}

function homeUsers(world: StandInWorld, context: RequestContext): Reply {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  const membership = world.tools.home.membership(account);
  if (membership === undefined) return notFound('Home not found');
  return { status: 200, json: world.tools.home.usersBody(membership.home), xmlRoot: 'home' };
}

function switchUser(world: StandInWorld, context: RequestContext): Reply {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  const membership = world.tools.home.membership(account);
  const target = membership === undefined ? undefined : world.tools.home.findUser(membership.home, context.params.uuid ?? '');
  if (target === undefined) return notFound('User not found');
  // A supplied PIN is always checked; a protected user needs one.
  const pin = queryValue(context.url, 'pin');
  if (target.pin !== undefined && pin !== target.pin) return plexError(403, 1041, PIN_REQUIRED);
  const token = world.issueAccountToken(target.account);
  return { status: 201, json: world.tools.home.accountBody(target.account, token), xmlRoot: 'user' };
}

function caller(context: RequestContext): { clientIdentifier: string; token: string; product: string; deviceName: string } | undefined {
  const header = (name: string): string => {
    const value = context.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  if (context.clientIdentifier === undefined || context.token === undefined) return undefined;
  return {
    clientIdentifier: context.clientIdentifier,
    token: context.token,
    product: header('x-plex-product'),
    deviceName: header('x-plex-device-name') || header('x-plex-product'),
  };
}

function devices(world: StandInWorld, context: RequestContext): Reply {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  const list = world.tools.devices.list(account, caller(context));
  return { status: 200, json: world.tools.devices.body(list), xmlRoot: 'MediaContainer' };
}

function removeDevice(world: StandInWorld, context: RequestContext): Reply {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  const id = /^(\d{1,15})\.xml$/.exec(context.params.file ?? '')?.[1];
  if (id === undefined || !world.tools.devices.remove(account, Number(id))) return notFound('Device not found');
  return { status: 200 };
}

function claimToken(world: StandInWorld, context: RequestContext): Reply {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  const token = world.recordIssuedToken(world.tools.claims.issue(account));
  return { status: 200, json: { token }, xmlRoot: 'MediaContainer' };
}

async function link(world: StandInWorld, context: RequestContext): Promise<Reply> {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  const code = ((await readForm(context)).get('code') ?? '').trim().toUpperCase();
  if (code === '') return plexError(400, 1000, 'code is required');
  // Only short (plex.tv/link) codes can be linked, and each only once.
  const pin = code.length === 4 ? world.pins.byCode(code) : undefined;
  if (pin === undefined || pin.authToken !== null) return plexError(404, 1020, 'Code not found or expired');
  pin.authToken = world.issueAccountToken(account);
  return { status: 204 };
}
