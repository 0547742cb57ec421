// Shared set-up for the JWT tests against the stand-in: clients pointed at its clients.plex.tv,
// a device key per test, and a client clock that follows the stand-in's (which tests move).
import {
  PlexJwtAuth,
  PlexTvJwtClient,
  generateDeviceKey,
  type PlexClientIdentity,
  type PlexDeviceKey,
} from '../../../../src/plex/index';
import type { StandIn } from '../../../standin/index';
import { FAST_RETRY, IDENTITY, type Harness } from '../helpers';

export function jwtClient(harness: Harness, identity: PlexClientIdentity = IDENTITY): PlexTvJwtClient {
  return new PlexTvJwtClient({
    identity,
    baseUrl: harness.standIn.jwt.state().clientsUrl,
    timeoutMs: 5000,
    retry: FAST_RETRY,
    log: (entry) => harness.clientLog.push(entry),
  });
}

/** The stand-in's time, which `standIn.jwt.advanceClock` moves. */
export function standInNow(standIn: StandIn): number {
  return Date.now() + standIn.jwt.state().clockOffsetMs;
}

export interface JwtAuthSetup {
  identity?: PlexClientIdentity;
  key?: PlexDeviceKey;
  /** Default: the client's clock follows the stand-in's, as if both had moved. */
  now?: () => number;
}

export function jwtAuth(harness: Harness, setup: JwtAuthSetup = {}): { auth: PlexJwtAuth; key: PlexDeviceKey; client: PlexTvJwtClient } {
  const key = setup.key ?? generateDeviceKey();
  const client = jwtClient(harness, setup.identity);
  const auth = new PlexJwtAuth({ client, key, now: setup.now ?? (() => standInNow(harness.standIn)) });
  return { auth, key, client };
}

/** A JWT session registered through a classic token of `username` (email/password or token sign-in). */
export async function registeredAuth(harness: Harness, username = 'alice', setup: JwtAuthSetup = {}): Promise<ReturnType<typeof jwtAuth>> {
  const parts = jwtAuth(harness, setup);
  await parts.auth.register(harness.standIn.issueToken(username));
  return parts;
}
