// Decoders for Plex Media Server answers: the transient token (JSON or XML) and the source
// connection information of GET /security/resources (its Device may be an object or an array).
import {
  asList,
  asObject,
  assignDefined,
  childPath,
  fieldError,
  get,
  readOptionalFlag,
  readOptionalNumeric,
  readOptionalString,
  readString,
  type JsonObject,
} from './decodeFields';
import { PlexResponseError } from './errors';
import type { PlexSourceConnection, PlexSourceConnectionInformation } from './types';
import { parseXmlRoot } from './xml';

function nonEmpty(value: string, path: string): string {
  if (value === '') {
    throw fieldError(path, 'non-empty string', value);
  }
  return value;
}

export function decodeTransientTokenJson(value: unknown): string {
  const container = asObject(get(asObject(value, 'response'), 'MediaContainer'), 'MediaContainer');
  return nonEmpty(readString(container, 'token', 'MediaContainer'), 'MediaContainer.token');
}

export function decodeTransientTokenXml(text: string): string {
  const root = parseXmlRoot(text);
  if (root.name !== 'MediaContainer') {
    throw new PlexResponseError('Plex sent XML without a MediaContainer.', { field: 'MediaContainer' });
  }
  const token = root.attributes.get('token');
  if (token === undefined) {
    throw fieldError('MediaContainer.token', 'string', undefined);
  }
  return nonEmpty(token, 'MediaContainer.token');
}

function decodeSourceConnection(value: unknown, path: string): PlexSourceConnection {
  const object = asObject(value, path);
  const protocol = readOptionalString(object, 'protocol', path);
  const address = readOptionalString(object, 'address', path);
  const port = readOptionalNumeric(object, 'port', path);
  let uri = readOptionalString(object, 'uri', path);
  if (uri === undefined) {
    if (protocol === undefined || address === undefined || port === undefined) {
      throw fieldError(childPath(path, 'uri'), 'string', undefined);
    }
    uri = `${protocol}://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }
  const connection: PlexSourceConnection = { uri };
  assignDefined(connection, 'protocol', protocol);
  assignDefined(connection, 'address', address);
  assignDefined(connection, 'port', port);
  assignDefined(connection, 'local', readOptionalFlag(object, 'local', path));
  assignDefined(connection, 'relay', readOptionalFlag(object, 'relay', path));
  return connection;
}

/** With several devices, the one named by `server://<clientIdentifier>` wins; otherwise the first. */
function pickDevice(value: unknown, source: string, path: string): { device: JsonObject; path: string } {
  const candidates = asList(value).map((device, index) => {
    const devicePath = Array.isArray(value) ? childPath(path, index) : path;
    return { device: asObject(device, devicePath), path: devicePath };
  });
  const wanted = source.replace(/^[a-z]+:\/\//i, '');
  const chosen = candidates.find((candidate) => get(candidate.device, 'clientIdentifier') === wanted) ?? candidates[0];
  if (chosen === undefined) {
    throw fieldError(path, 'object', value);
  }
  return chosen;
}

export function decodeSourceConnectionInformation(value: unknown, source: string): PlexSourceConnectionInformation {
  const container = asObject(get(asObject(value, 'response'), 'MediaContainer'), 'MediaContainer');
  const { device, path } = pickDevice(get(container, 'Device'), source, 'MediaContainer.Device');
  const clientIdentifier = readString(device, 'clientIdentifier', path);
  const connectionsPath = childPath(path, 'Connection');
  const information: PlexSourceConnectionInformation = {
    name: readOptionalString(device, 'name', path) ?? clientIdentifier,
    clientIdentifier,
    connections: asList(get(device, 'Connection')).map((connection, index) =>
      decodeSourceConnection(connection, childPath(connectionsPath, index)),
    ),
  };
  assignDefined(information, 'accessToken', readOptionalString(device, 'accessToken', path));
  return information;
}
