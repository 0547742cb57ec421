import { plexClientsUrl, readSettings } from '../../config';
import type { PlexClients, PlexJwtAuth, PlexTvClient } from '../../plexApi';
import type { JwtDevice } from './deviceKeyStore';

/** plex.tv and clients.plex.tv as the JWT device: its own client identifier, the current settings. */
export function jwtClientsFor(clients: PlexClients, device: JwtDevice): { plexTv: PlexTvClient; auth: PlexJwtAuth } {
  const settings = readSettings();
  clients.refuseInsecurePlexTv(settings.plexTvUrl);
  const plex = clients.module();
  const options = {
    identity: { ...clients.identity(), clientIdentifier: device.clientIdentifier },
    timeoutMs: settings.requestTimeoutMs,
    log: (entry: Parameters<PlexClients['logRequest']>[0]) => clients.logRequest(entry),
  };
  const plexTv = new plex.PlexTvClient({ ...options, baseUrl: settings.plexTvUrl });
  const client = new plex.PlexTvJwtClient({ ...options, baseUrl: plexClientsUrl(settings.plexTvUrl) });
  return { plexTv, auth: new plex.PlexJwtAuth({ client, key: device.key, signingKeys: clients.jwtSigningKeys }) };
}
