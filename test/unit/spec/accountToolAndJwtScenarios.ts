// The spec scenarios of the account tools (Plex Home, devices, claim token, linking a code) and
// of JWT device authentication at clients.plex.tv: each route's success and the error answers the
// deviations list names, all sent by the service layer so its requests are checked too.
import * as assert from 'node:assert/strict';
import { PlexJwtAuth, PlexTvAccountTools, PlexTvClient, PlexTvJwtClient, PlexTvWebhooks, generateDeviceKey, type PlexClientIdentity } from '../../../src/plex/index';
import type { StandIn } from '../../standin/index';
import { IDENTITY, rejectsWith } from '../plex/helpers';

const OTHER_CLIENT: PlexClientIdentity = { ...IDENTITY, clientIdentifier: 'spec-conformance-other-client' };
const NO_RETRY = { maxRetries: 0 };
const PLEX_JWT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

async function driveAccountTools(standIn: StandIn): Promise<void> {
  const tools = new PlexTvAccountTools({ identity: IDENTITY, baseUrl: standIn.plexTvUrl, retry: NO_RETRY });
  const plexTv = new PlexTvClient({ identity: IDENTITY, baseUrl: standIn.plexTvUrl, retry: NO_RETRY });
  const adminToken = standIn.issueToken('alice');

  // Home: the list, a switch to a managed user (whose account answer has no email), a wrong PIN.
  const home = await tools.listHomeUsers(adminToken);
  const managed = home.users.find((user) => user.kind === 'managed');
  const protectedMember = home.users.find((user) => user.kind === 'member' && user.protected);
  assert.ok(managed && protectedMember, 'the demo Home has a managed user and a PIN-protected member');
  const asManaged = await tools.switchHomeUser(adminToken, { uuid: managed.uuid });
  await plexTv.getAccount(asManaged.authToken);
  await rejectsWith(tools.switchHomeUser(adminToken, { uuid: protectedMember.uuid, pin: '0000' }), 'home-pin-invalid');

  // Devices: the list, then removing one that is not this client.
  const devices = await tools.listDevices(adminToken);
  const other = devices.find((device) => device.clientIdentifier !== IDENTITY.clientIdentifier);
  assert.ok(other, 'the demo account has other devices');
  await tools.removeDevice(adminToken, other.id);

  await tools.getClaimToken(adminToken);

  // Linking: a live short code, then one that does not exist.
  const code = standIn.createLinkCode({ clientIdentifier: 'spec-conformance-tv' });
  await tools.linkDevice(adminToken, code.code);
  await rejectsWith(tools.linkDevice(adminToken, code.code), 'link-code-invalid');

  // Webhooks: a Plex Pass account adds one and removes it (the empty list as `urls=`); an account without Plex Pass is refused.
  const webhooks = new PlexTvWebhooks({ identity: IDENTITY, baseUrl: standIn.plexTvUrl, retry: NO_RETRY });
  const plexPassToken = standIn.issueToken('carol');
  await webhooks.addWebhook(plexPassToken, 'https://example.com/spec-conformance');
  await webhooks.removeWebhook(plexPassToken, 'https://example.com/spec-conformance');
  await rejectsWith(webhooks.listWebhooks(adminToken), 'plex-pass-required');
}

async function driveJwt(standIn: StandIn): Promise<void> {
  const clientsUrl = standIn.jwt.state().clientsUrl;
  const now = (): number => Date.now() + standIn.jwt.state().clockOffsetMs;
  const jwtClient = (identity: PlexClientIdentity): PlexTvJwtClient => new PlexTvJwtClient({ identity, baseUrl: clientsUrl, retry: NO_RETRY });
  const plexTv = new PlexTvClient({ identity: IDENTITY, baseUrl: standIn.plexTvUrl, retry: NO_RETRY });

  // Registration with a classic token, then nonce, device JWT, exchange and the signing keys.
  const key = generateDeviceKey();
  const auth = new PlexJwtAuth({ client: jwtClient(IDENTITY), key, now });
  await auth.register(standIn.issueToken('alice'));
  const { token: plexJwt } = await auth.renew();

  // Browser sign-in: a JWK-carrying PIN, polled before and after approval.
  const pinAuth = new PlexJwtAuth({ client: jwtClient(OTHER_CLIENT), key: generateDeviceKey(), now });
  const pin = await pinAuth.createPin();
  assert.equal(await pinAuth.checkPin(pin.id), null);
  standIn.approvePin(pin.id, 'carol');
  assert.ok(await pinAuth.checkPin(pin.id));

  // The same key from another client: 422 thumbprint taken.
  await rejectsWith(new PlexJwtAuth({ client: jwtClient(OTHER_CLIENT), key, now }).createPin(), 'jwt-rejected');

  // An expired Plex JWT: 498 on plex.tv.
  standIn.jwt.advanceClock(PLEX_JWT_LIFETIME_MS + 60_000);
  await rejectsWith(plexTv.getAccount(plexJwt), 'token-invalid');
}

export async function driveAccountToolsAndJwt(standIn: StandIn): Promise<void> {
  await driveAccountTools(standIn);
  await driveJwt(standIn);
}
