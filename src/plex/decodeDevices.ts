// Decoder for GET https://plex.tv/devices.xml: a MediaContainer of <Device> elements. Each Device
// also carries that device's live token (`token`, sometimes `accessToken`/`authToken`): the scanner
// reads only the attributes named in WANTED and skips every other value unread, so no token ever
// becomes a string of its own, let alone part of a result, a log line or an error.
import type { PlexDevice } from './accountToolsTypes';
import { assignDefined, childPath, fieldError } from './decodeFields';
import { PlexResponseError } from './errors';
import { decodeEntities } from './xml';

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

/** The root element's name, after the prolog (declaration, comments, doctype). */
function rootName(text: string): string {
  const match = /^\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>)\s*)*<([A-Za-z_][\w.:-]*)/.exec(text);
  if (match === null) throw malformed('no root element');
  return match[1] ?? '';
}

const ATTRIBUTE_NAME = /\s+([^\s=/>"'<]+)\s*=\s*(["'])/y;
const TAG_END = /\s*\/?>/y;

/** Reads the wanted attributes of the start tag whose name ends at `position`. */
function readWantedAttributes(text: string, position: number): Map<string, string> {
  const attributes = new Map<string, string>();
  let cursor = position;
  for (;;) {
    ATTRIBUTE_NAME.lastIndex = cursor;
    const attribute = ATTRIBUTE_NAME.exec(text);
    if (attribute === null) break;
    const name = attribute[1] ?? '';
    const quote = attribute[2] ?? '"';
    const valueStart = ATTRIBUTE_NAME.lastIndex;
    const valueEnd = text.indexOf(quote, valueStart);
    if (valueEnd === -1) throw malformed('unterminated attribute');
    if (WANTED.has(name)) {
      if (attributes.has(name)) throw malformed('repeated attribute');
      const raw = text.slice(valueStart, valueEnd);
      if (raw.includes('<')) throw malformed('"<" in an attribute');
      attributes.set(name, decodeEntities(raw));
    }
    cursor = valueEnd + 1;
  }
  TAG_END.lastIndex = cursor;
  if (TAG_END.exec(text) === null) throw malformed('bad Device start tag');
  return attributes;
}

function readEpochSeconds(attributes: Map<string, string>, key: string, path: string): number | undefined {
  const value = attributes.get(key);
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value)) throw fieldError(childPath(path, key), 'epoch seconds', value);
  return Number(value);
}

function optional(attributes: Map<string, string>, key: string): string | undefined {
  const value = attributes.get(key);
  return value === undefined || value === '' ? undefined : value;
}

function toDevice(attributes: Map<string, string>, path: string, currentClientIdentifier: string): PlexDevice {
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
    provides: (attributes.get('provides') ?? '')
      .split(',')
      .map((capability) => capability.trim())
      .filter((capability) => capability !== ''),
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
  // Comments may hold anything, including text that looks like a Device.
  const text = xml.replace(/^\uFEFF/, '').replace(/<!--[\s\S]*?-->/g, '');
  if (rootName(text) !== 'MediaContainer') throw malformed('the root element is not MediaContainer');
  const devices: PlexDevice[] = [];
  for (const match of text.matchAll(/<Device(?=[\s/>])/g)) {
    const attributes = readWantedAttributes(text, match.index + match[0].length);
    devices.push(toDevice(attributes, childPath(path, devices.length), currentClientIdentifier));
  }
  return devices;
}
