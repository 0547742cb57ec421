// Devices as plex.tv's `/api/v2/resources` lists them, and the connections a PMS reports in
// `/security/resources`. Connections without a seeded `uri` point at the server's own listener.
import { createHash } from 'node:crypto';
import { type AccountRecord, accountTitle } from './accounts';
import type { JsonObject } from './json';
import type { ServerRecord, StandInWorld } from './world';

export const PMS_VERSION = '1.41.3.9314-a0bfb8370';
const CREATED_AT = '2023-02-14T09:30:00Z';

export interface ConnectionFilter {
  includeHttps: boolean;
  includeRelay: boolean;
}

export function connectionsOf(server: ServerRecord, filter: ConnectionFilter = { includeHttps: true, includeRelay: true }): JsonObject[] {
  return server.seed.connections
    .map((seed, index) => ({ seed, index }))
    .filter(({ seed }) => (filter.includeHttps || seed.protocol !== 'https') && (filter.includeRelay || !seed.relay))
    .map(({ seed, index }) => {
      const uri = seed.uri ?? `${seed.protocol}://${new URL(server.connectionUrls[index] ?? server.url).host}`;
      const parsed = new URL(uri);
      const address = parsed.hostname.replace(/^\[|\]$/g, '');
      const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
      return {
        protocol: seed.protocol,
        address,
        port,
        uri: uri.replace(/\/$/, ''),
        local: seed.local,
        relay: seed.relay,
        IPv6: address.includes(':'),
      };
    });
}

function serverDevice(server: ServerRecord, filter: ConnectionFilter): JsonObject {
  return {
    name: server.seed.name,
    product: 'Plex Media Server',
    productVersion: PMS_VERSION,
    platform: 'Linux',
    platformVersion: '6.1.0',
    device: 'PC',
    clientIdentifier: server.seed.clientIdentifier,
    createdAt: CREATED_AT,
    lastSeenAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    provides: 'server',
    ownerId: null,
    sourceTitle: null,
    publicAddress: '203.0.113.10',
    accessToken: server.accessToken,
    owned: true,
    home: false,
    synced: false,
    relay: server.seed.connections.some((connection) => connection.relay),
    presence: true,
    httpsRequired: false,
    publicAddressMatches: true,
    dnsRebindingProtection: false,
    natLoopbackSupported: false,
    connections: connectionsOf(server, filter),
  };
}

/** A phone that plays media: listed by plex.tv, but not a server, so clients must filter it out. */
function playerDevice(account: AccountRecord, token: string): JsonObject {
  return {
    name: `${accountTitle(account.seed)}'s iPhone`,
    product: 'Plex for iOS',
    productVersion: '2024.10.0',
    platform: 'iOS',
    platformVersion: '17.6',
    device: 'iPhone',
    clientIdentifier: createHash('sha256').update(`player:${account.seed.username}`).digest('hex').slice(0, 24),
    createdAt: CREATED_AT,
    lastSeenAt: CREATED_AT,
    provides: 'client,player,pubsub-player',
    ownerId: null,
    sourceTitle: null,
    publicAddress: '203.0.113.10',
    accessToken: token,
    owned: true,
    home: false,
    synced: false,
    relay: false,
    presence: false,
    httpsRequired: false,
    publicAddressMatches: true,
    dnsRebindingProtection: false,
    natLoopbackSupported: false,
    connections: [],
  };
}

export function resourcesBody(world: StandInWorld, account: AccountRecord, token: string, filter: ConnectionFilter): JsonObject[] {
  const servers = world.servers.filter((server) => server.owner === account).map((server) => serverDevice(server, filter));
  return [playerDevice(account, token), ...servers];
}
