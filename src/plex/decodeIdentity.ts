// Decoder for a Plex Media Server's GET /identity: who answers at an address. JSON or XML
// (`<MediaContainer machineIdentifier="..." version="..."/>`); unknown fields are ignored.
import { asObject, get, readOptionalString, readString } from './decodeFields';
import { PlexResponseError } from './errors';
import type { PlexHttpBody } from './successBody';
import { parseXmlRoot } from './xml';

export interface PlexServerIdentity {
  /** The server's client identifier, as plex.tv lists it for the resource. */
  machineIdentifier: string;
  version?: string;
}

export function decodeIdentity(body: PlexHttpBody): PlexServerIdentity {
  if (body.format === 'xml') {
    const root = parseXmlRoot(body.text);
    const machineIdentifier = root.attributes.get('machineIdentifier');
    if (root.name !== 'MediaContainer' || machineIdentifier === undefined || machineIdentifier === '') {
      throw new PlexResponseError('The server sent an identity without a machineIdentifier.', { field: 'MediaContainer.machineIdentifier' });
    }
    const version = root.attributes.get('version');
    return version === undefined ? { machineIdentifier } : { machineIdentifier, version };
  }
  if (body.format !== 'json') {
    throw new PlexResponseError('The server sent no identity.');
  }
  const container = asObject(get(asObject(body.value, 'response'), 'MediaContainer'), 'MediaContainer');
  const machineIdentifier = readString(container, 'machineIdentifier', 'MediaContainer');
  if (machineIdentifier === '') {
    throw new PlexResponseError('The server sent an identity without a machineIdentifier.', { field: 'MediaContainer.machineIdentifier' });
  }
  const version = readOptionalString(container, 'version', 'MediaContainer');
  return version === undefined ? { machineIdentifier } : { machineIdentifier, version };
}
