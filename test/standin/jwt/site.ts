// clients.plex.tv on the plex.tv listener under /clients (so `<plexTvUrl>/clients` replaces
// https://clients.plex.tv): /api/v2/auth/{jwk,nonce,token,keys} and the JWK-carrying PIN.
// Other paths go to the plex.tv site unchanged.
import type { RequestContext, Site } from '../dispatch';
import { queryValue } from '../dispatch';
import { missingClientIdentifier, polledPin } from '../pinPoll';
import { type PinRecord, pinBody } from '../pins';
import { type Reply, plexError } from '../reply';
import { routeTable } from '../routes';
import type { StandInWorld } from '../world';
import { JWT_MESSAGES, type ReceivedJwk, jwtErrorReply } from './book';

export const CLIENTS_PREFIX = '/clients';
/** The log's host (and the site's name) when clients.plex.tv has a listener of its own. */
export const CLIENTS_SITE_NAME = 'clients.plex.tv';

function clientsRoutes(world: StandInWorld, prefix: string): Site['lookup'] {
  return routeTable([
    { method: 'POST', path: `${prefix}/api/v2/auth/jwk`, route: 'jwt.register', handler: (c) => register(world, c) },
    { method: 'GET', path: `${prefix}/api/v2/auth/nonce`, route: 'jwt.nonce', handler: (c) => nonce(world, c) },
    { method: 'POST', path: `${prefix}/api/v2/auth/token`, route: 'jwt.token', handler: (c) => exchange(world, c) },
    { method: 'GET', path: `${prefix}/api/v2/auth/keys`, route: 'jwt.keys', handler: () => ({ status: 200, json: world.jwt.signer.keysBody(), xmlRoot: 'keys' }) },
    { method: 'POST', path: `${prefix}/api/v2/pins`, route: 'jwt.pins.create', handler: (c) => createPin(world, c) },
    { method: 'GET', path: `${prefix}/api/v2/pins/:id`, route: 'jwt.pins.check', handler: (c) => checkPin(world, c) },
  ]);
}

/** clients.plex.tv on a listener of its own, a second host beside plex.tv's, as Plex serves it. */
export function clientsPlexTvSite(world: StandInWorld): Site {
  return { name: CLIENTS_SITE_NAME, lookup: clientsRoutes(world, '') };
}

export function withClientsPlexTv(plexTv: Site, world: StandInWorld): Site {
  const lookup = clientsRoutes(world, CLIENTS_PREFIX);
  return {
    name: plexTv.name,
    lookup: (method, pathname) => (pathname.startsWith(`${CLIENTS_PREFIX}/`) ? lookup(method, pathname) : plexTv.lookup(method, pathname)),
  };
}


async function readJsonBody(context: RequestContext): Promise<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(await context.readBody());
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** An Ed25519 public JWK with a kid, as the client must send it; private members are refused. */
function readJwk(value: unknown): ReceivedJwk | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const jwk = value as Record<string, unknown>;
  const { kty, crv, x, kid } = jwk;
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string' || typeof kid !== 'string' || kid === '' || 'd' in jwk) return undefined;
  return Buffer.from(x, 'base64url').length === 32 ? { kid, x } : undefined;
}

async function register(world: StandInWorld, context: RequestContext): Promise<Reply> {
  if (context.clientIdentifier === undefined) return missingClientIdentifier();
  const account = world.accountForToken(context.token);
  if (account === undefined) return plexError(401, 1001, 'User could not be authenticated');
  const body = await readJsonBody(context);
  if (body['jwk'] !== undefined && typeof body['jwk'] === 'object' && body['jwk'] !== null && 'd' in body['jwk']) {
    world.addViolation('a private key (JWK member "d") was sent to plex.tv');
  }
  const jwk = readJwk(body['jwk']);
  if (jwk === undefined) return jwtErrorReply(400, 'jwk must be an Ed25519 public JWK with a kid');
  return world.jwt.register(jwk, context.clientIdentifier, account) ?? { status: 204 };
}

function nonce(world: StandInWorld, context: RequestContext): Reply {
  if (context.clientIdentifier === undefined) return missingClientIdentifier();
  return { status: 200, json: { nonce: world.jwt.newNonce(context.clientIdentifier) }, xmlRoot: 'nonce' };
}

async function exchange(world: StandInWorld, context: RequestContext): Promise<Reply> {
  if (context.clientIdentifier === undefined) return missingClientIdentifier();
  const body = await readJsonBody(context);
  const deviceJwt = body['jwt'];
  if (typeof deviceJwt !== 'string' || deviceJwt === '') return jwtErrorReply(400, 'jwt is required');
  const header = deviceJwt.split('.')[0] ?? '';
  let kid: unknown;
  try {
    kid = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown }).kid;
  } catch {
    kid = undefined;
  }
  const key = world.jwt.registeredKey(kid);
  const check = world.jwt.checkDeviceJwt(deviceJwt, context.clientIdentifier, key, 'exchange');
  if (!check.ok) return check.reply;
  if (key === undefined || key.clientIdentifier !== context.clientIdentifier) return jwtErrorReply(422, JWT_MESSAGES.signatureFailed);
  return { status: 200, json: { auth_token: world.jwt.issue(key, check.nonce, check.scope) }, xmlRoot: 'token' };
}

async function createPin(world: StandInWorld, context: RequestContext): Promise<Reply> {
  if (context.clientIdentifier === undefined) return missingClientIdentifier();
  const body = await readJsonBody(context);
  const jwk = readJwk(body['jwk']);
  if (jwk === undefined) return jwtErrorReply(400, 'jwk must be an Ed25519 public JWK with a kid');
  if (world.jwt.thumbprintTaken(jwk, context.clientIdentifier)) return jwtErrorReply(422, JWT_MESSAGES.thumbprintTaken);
  const strong = body['strong'] === true || ['true', '1'].includes(queryValue(context.url, 'strong') ?? '');
  const product = context.headers['x-plex-product'];
  const productName = Array.isArray(product) ? product[0] : product;
  if (productName === undefined || productName === '') world.addViolation('PIN created without X-Plex-Product (plex.tv expects it)');
  const pin = world.pins.create(context.clientIdentifier, productName ?? '0', strong);
  pin.jwk = jwk;
  return { status: 201, json: pinBody(pin, world.plexTvUrl), xmlRoot: 'pin' };
}

/** Until approval authToken is null; then the first poll with a valid device JWT registers the key and gets a Plex JWT. */
function checkPin(world: StandInWorld, context: RequestContext): Reply {
  const pin = polledPin(world, context, (candidate): candidate is PinRecord & { jwk: ReceivedJwk } => candidate.jwk !== undefined);
  if (!('id' in pin)) return pin;
  const deviceJwt = queryValue(context.url, 'deviceJWT');
  if (deviceJwt === undefined) return jwtErrorReply(400, 'deviceJWT is required');
  const check = world.jwt.checkDeviceJwt(deviceJwt, pin.clientIdentifier, pin.jwk, `pin:${pin.id}`);
  if (!check.ok) return check.reply;
  world.recordPinPoll(pin);
  if (pin.approvedBy !== undefined && pin.authToken === null) {
    const account = world.requireAccount(pin.approvedBy);
    const refused = world.jwt.register(pin.jwk, pin.clientIdentifier, account);
    if (refused !== undefined) return refused;
    const key = world.jwt.registeredKey(pin.jwk.kid);
    if (key === undefined) return jwtErrorReply(422, JWT_MESSAGES.signatureFailed);
    pin.authToken = world.jwt.issue(key, check.nonce, check.scope);
  }
  return { status: 200, json: pinBody(pin, world.plexTvUrl), xmlRoot: 'pin' };
}
