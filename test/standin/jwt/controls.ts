// `standIn.jwt`: the in-process controls of clients.plex.tv (jwt/types.ts).
import type { StandInWorld } from '../world';
import { CLIENTS_PREFIX } from './site';
import { STANDIN_JWT_FLAWS, type StandInJwt, type StandInJwtFlaw } from './types';

export function checkedFlaw(value: unknown): StandInJwtFlaw {
  const flaw = STANDIN_JWT_FLAWS.find((candidate) => candidate === value);
  if (flaw === undefined) throw new Error(`unknown JWT flaw: ${String(value)}`);
  return flaw;
}

export function jwtControls(world: StandInWorld): StandInJwt {
  return {
    addFlaw: (flaw, times) => world.jwt.addFlaw(checkedFlaw(flaw), times),
    setServersRefuseJwt: (refuse, server) => {
      if (server !== undefined) world.requireServer(server);
      world.jwt.setServersRefuseJwt(refuse, server);
    },
    setRevokesClassicTokens: (on) => world.jwt.setRevokesClassicTokens(on),
    advanceClock: (ms) => world.clock.advance(ms),
    rotateSigningKey: () => world.jwt.signer.rotate(),
    revokeDevice: (clientIdentifier) => world.jwt.revokeDevice(clientIdentifier),
    reset: () => world.jwt.reset(),
    deviceJwts: () => world.jwt.deviceJwts(),
    plexJwts: () => world.jwt.plexJwts(),
    state: () => world.jwt.state(world.clientsUrl || `${world.plexTvUrl}${CLIENTS_PREFIX}`),
  };
}
