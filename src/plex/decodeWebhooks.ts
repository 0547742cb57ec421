// Decoder for plex.tv's webhook list (GET and POST /api/v2/user/webhooks, JSON): an array of
// `{url}` objects (python-plexapi reads the XML twin's `<webhook url>` elements). Unknown fields
// are ignored; an entry whose url is not a string fails the answer, as the list is written back whole.
import { asArray, asObject, childPath, readString } from './decodeFields';

/** The URLs in plex.tv's order, each once. */
export function decodeWebhooks(value: unknown, path = 'webhooks'): string[] {
  const urls: string[] = [];
  const seen = new Set<string>();
  asArray(value, path).forEach((entry, index) => {
    const url = readString(asObject(entry, childPath(path, index)), 'url', childPath(path, index));
    if (!seen.has(url)) {
      seen.add(url);
      urls.push(url);
    }
  });
  return urls;
}
