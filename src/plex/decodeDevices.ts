// Decoder for GET https://plex.tv/devices.xml: a MediaContainer of <Device> elements. Each Device
// also carries that device's live token (`token`, sometimes `accessToken`/`authToken`): the scan
// (xml.ts, linear time) reads only the attributes named in WANTED and skips every other value
// unread, so no token ever becomes a string of its own, let alone part of a result, a log line or
// an error.
import type { PlexDevice } from './accountToolsTypes';
import { assignDefined, childPath, commaList, fieldError } from './decodeFields';
import { PlexResponseError } from './errors';
import { forEachStartTag } from './xml';

const WANTED = new Set([
  'id',
  'name',
  'product',
  'productVersion',
  'version',
  'platform',
  'platformVersion',
  'device',
  'clientIdentifier',
  'provides',
  'createdAt',
  'lastSeenAt',
]);

function malformed(reason: string): PlexResponseError {
  return new PlexResponseError(`Plex sent a device list that could not be read (${reason}).`);
}

function readEpochSeconds(attributes: ReadonlyMap<string, string>, key: string, path: string): number | undefined {
  const value = attributes.get(key);
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value)) throw fieldError(childPath(path, key), 'epoch seconds', value);
  return Number(value);
}

function optional(attributes: ReadonlyMap<string, string>, key: string): string | undefined {
  const value = attributes.get(key);
  return value === undefined || value === '' ? undefined : value;
}

function toDevice(attributes: ReadonlyMap<string, string>, path: string, currentClientIdentifier: string): PlexDevice {
  const idText = attributes.get('id');
  if (idText === undefined || !/^\d{1,15}$/.test(idText)) throw fieldError(childPath(path, 'id'), 'integer', idText);
  const clientIdentifier = attributes.get('clientIdentifier');
  if (clientIdentifier === undefined || clientIdentifier === '') {
    throw fieldError(childPath(path, 'clientIdentifier'), 'non-empty string', clientIdentifier);
  }
  const device: PlexDevice = {
    id: Number(idText),
    name: attributes.get('name') ?? '',
    clientIdentifier,
    provides: commaList(attributes.get('provides') ?? ''),
    current: clientIdentifier === currentClientIdentifier,
  };
  assignDefined(device, 'product', optional(attributes, 'product'));
  assignDefined(device, 'version', optional(attributes, 'productVersion') ?? optional(attributes, 'version'));
  assignDefined(device, 'platform', optional(attributes, 'platform'));
  assignDefined(device, 'platformVersion', optional(attributes, 'platformVersion'));
  assignDefined(device, 'device', optional(attributes, 'device'));
  assignDefined(device, 'createdAt', readEpochSeconds(attributes, 'createdAt', path));
  assignDefined(device, 'lastSeenAt', readEpochSeconds(attributes, 'lastSeenAt', path));
  return device;
}

/** Devices in plex.tv's order; `current` marks the one whose client identifier is ours. */
export function decodeDevices(xml: string, currentClientIdentifier: string, path = 'devices'): PlexDevice[] {
  const devices: PlexDevice[] = [];
  let root: string | undefined;
  // Comments, CDATA and attribute values may hold anything, including text that looks like a Device:
  // the scan sees only real start tags.
  forEachStartTag(
    xml,
    (element) => element === 'Device' && WANTED,
    (tag) => {
      if (root === undefined) {
        root = tag.name;
        if (root !== 'MediaContainer') throw malformed('the root element is not MediaContainer');
      } else if (tag.name === 'Device') {
        devices.push(toDevice(tag.attributes, childPath(path, devices.length), currentClientIdentifier));
      }
      return true;
    },
  );
  return devices;
}
