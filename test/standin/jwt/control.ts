// The control API's JWT routes under <plexTvUrl>/__standin/jwt/ (the StandInJwt operations over HTTP).
import type { StandInWorld } from '../world';
import { checkedFlaw, jwtControls } from './controls';

type Body = Record<string, unknown>;
type ControlAnswer = { status: number; json?: unknown };

/** The answer for `key` ("METHOD /path"), or undefined when it is not a JWT control route. */
export function jwtControlRoute(world: StandInWorld, key: string, body: Body): ControlAnswer | undefined {
  const jwt = jwtControls(world);
  const done: ControlAnswer = { status: 204 };
  switch (key) {
    case 'GET /jwt/state':
      return { status: 200, json: jwt.state() };
    case 'POST /jwt/flaws':
      jwt.addFlaw(checkedFlaw(body['flaw']), body['times'] === undefined ? undefined : Number(body['times']));
      return done;
    case 'POST /jwt/servers-refuse':
      if (typeof body['refuse'] !== 'boolean') throw new Error('"refuse" (a boolean) is required');
      jwt.setServersRefuseJwt(body['refuse'], typeof body['server'] === 'string' ? body['server'] : undefined);
      return done;
    case 'POST /jwt/revokes-classic-tokens':
      if (typeof body['on'] !== 'boolean') throw new Error('"on" (a boolean) is required');
      jwt.setRevokesClassicTokens(body['on']);
      return done;
    case 'POST /jwt/clock/advance':
      jwt.advanceClock(Number(body['ms']));
      return done;
    case 'POST /jwt/rotate-key':
      jwt.rotateSigningKey();
      return done;
    case 'POST /jwt/revoke-device':
      if (typeof body['clientIdentifier'] !== 'string') throw new Error('"clientIdentifier" (a string) is required');
      jwt.revokeDevice(body['clientIdentifier']);
      return done;
    case 'POST /jwt/reset':
      jwt.reset();
      return done;
    case 'GET /jwt/device-jwts':
      return { status: 200, json: jwt.deviceJwts() };
    case 'GET /jwt/plex-jwts':
      return { status: 200, json: jwt.plexJwts() };
    default:
      return undefined;
  }
}
