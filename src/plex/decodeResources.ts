// Decoder for GET /api/v2/resources: keeps the devices that provide `server` and orders each
// server's connections local > remote > relay, https before http.
import {
  asArray,
  asList,
  asObject,
  assignDefined,
  childPath,
  commaList,
  fieldError,
  get,
  readOptionalBoolean,
  readOptionalFlag,
  readOptionalNumeric,
  readOptionalString,
  readString,
  type JsonObject,
} from './decodeFields';
import type { PlexConnection, PlexServer } from './types';

function parseUri(uri: string, path: string): URL {
  try {
    return new URL(uri);
  } catch {
    throw fieldError(path, 'URL', uri);
  }
}

function protocolOf(given: string | undefined, url: URL): 'http' | 'https' | undefined {
  for (const candidate of [given?.toLowerCase(), url.protocol.slice(0, -1)]) {
    if (candidate === 'http' || candidate === 'https') {
      return candidate;
    }
  }
  return undefined;
}

/** Missing address/port/protocol come from the URI; a connection that is not http(s) is dropped. */
function decodeConnection(value: unknown, path: string): PlexConnection | undefined {
  const object = asObject(value, path);
  const uri = readString(object, 'uri', path);
  const url = parseUri(uri, childPath(path, 'uri'));
  const protocol = protocolOf(readOptionalString(object, 'protocol', path), url);
  if (protocol === undefined) {
    return undefined;
  }
  const defaultPort = protocol === 'https' ? 443 : 80;
  return {
    uri,
    protocol,
    address: readOptionalString(object, 'address', path) ?? url.hostname.replace(/^\[|\]$/g, ''),
    port: readOptionalNumeric(object, 'port', path) ?? (url.port === '' ? defaultPort : Number(url.port)),
    local: readOptionalFlag(object, 'local', path) ?? false,
    relay: readOptionalFlag(object, 'relay', path) ?? false,
    ipv6: readOptionalFlag(object, 'IPv6', path) ?? false,
  };
}

function connectionRank(connection: PlexConnection): number {
  const place = connection.relay ? 2 : connection.local ? 0 : 1;
  return place * 2 + (connection.protocol === 'https' ? 0 : 1);
}

/** Stable: connections of equal rank keep plex.tv's order. */
export function orderConnections<T extends PlexConnection>(connections: readonly T[]): T[] {
  return [...connections].sort((a, b) => connectionRank(a) - connectionRank(b));
}

function providesServer(device: JsonObject, path: string): boolean {
  return commaList(readString(device, 'provides', path)).includes('server');
}

function decodeServer(device: JsonObject, path: string): PlexServer {
  const connectionsPath = childPath(path, 'connections');
  const connections = asList(get(device, 'connections'))
    .map((connection, index) => decodeConnection(connection, childPath(connectionsPath, index)))
    .filter((connection): connection is PlexConnection => connection !== undefined);
  const server: PlexServer = {
    name: readString(device, 'name', path),
    clientIdentifier: readString(device, 'clientIdentifier', path),
    owned: readOptionalBoolean(device, 'owned', path) ?? false,
    connections: orderConnections(connections),
  };
  assignDefined(server, 'accessToken', readOptionalString(device, 'accessToken', path));
  assignDefined(server, 'productVersion', readOptionalString(device, 'productVersion', path));
  assignDefined(server, 'platform', readOptionalString(device, 'platform', path));
  return server;
}

export function decodeServers(value: unknown, path = 'resources'): PlexServer[] {
  const servers: PlexServer[] = [];
  asArray(value, path).forEach((item, index) => {
    const devicePath = childPath(path, index);
    const device = asObject(item, devicePath);
    if (providesServer(device, devicePath)) {
      servers.push(decodeServer(device, devicePath));
    }
  });
  return servers;
}
