// What plex.tv checks before it answers a PIN poll, for the classic and the JWT PIN routes alike.
import type { RequestContext } from './dispatch';
import type { PinRecord } from './pins';
import { type Reply, plexError } from './reply';
import type { StandInWorld } from './world';

export function missingClientIdentifier(): Reply {
  return plexError(400, 1000, 'X-Plex-Client-Identifier is missing');
}

/** The polled PIN (of the kind `accepts` takes; a PIN of another kind is not found), or the error plex.tv would send. */
export function polledPin<T extends PinRecord = PinRecord>(
  world: StandInWorld,
  context: RequestContext,
  accepts: (pin: PinRecord) => pin is T = (_pin): _pin is T => true,
): T | Reply {
  if (context.clientIdentifier === undefined) return missingClientIdentifier();
  const notFound = plexError(404, 1020, 'Code not found or expired');
  const id = Number(context.params.id);
  const pin = Number.isInteger(id) ? world.pins.byId(id) : undefined;
  if (pin === undefined || !accepts(pin)) return notFound;
  if (pin.clientIdentifier !== context.clientIdentifier) {
    world.addViolation(`PIN ${pin.id} polled with a different X-Plex-Client-Identifier than created it`);
    return notFound;
  }
  return pin;
}
