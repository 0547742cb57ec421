// What the body of a 2xx answer becomes: parsed JSON, XML text for the route's own decoder, or
// nothing. Pure, so the decoders' time on hostile bodies can be measured without a socket.
import { PlexResponseError } from './errors';
import { parseJson } from './parseJson';
import { mediaTypeOf, sniffMediaType, type MediaType } from './readBody';

export type ExpectedBody = 'json' | 'json-or-xml' | 'xml' | 'none';

export type PlexHttpBody = { format: 'json'; value: unknown } | { format: 'xml'; text: string } | { format: 'none' };

function describeMediaType(type: MediaType): string {
  const descriptions: Record<MediaType, string> = {
    json: 'JSON',
    xml: 'XML',
    html: 'an HTML page',
    other: 'an unexpected content type',
    none: 'an unlabelled body',
  };
  return descriptions[type];
}

export function successBody(expect: ExpectedBody, contentType: string | null, text: string, host: string, status: number): PlexHttpBody {
  if (expect === 'none') {
    return { format: 'none' };
  }
  if (text.trim() === '') {
    throw new PlexResponseError(`${host} sent an empty response.`, { status });
  }
  const declared = mediaTypeOf(contentType);
  const type = declared === 'none' ? sniffMediaType(text) : declared;
  // An 'xml' route is never JSON-parsed: its JSON twin may carry secrets that must not become objects.
  if (type === 'json' && expect !== 'xml') {
    try {
      return { format: 'json', value: parseJson(text) };
    } catch {
      throw new PlexResponseError(`${host} sent malformed JSON.`, { status });
    }
  }
  if (type === 'xml' && (expect === 'json-or-xml' || expect === 'xml')) {
    return { format: 'xml', text };
  }
  throw new PlexResponseError(`${host} sent ${describeMediaType(type)} where ${expect === 'xml' ? 'XML' : 'JSON'} was expected.`, {
    status,
  });
}
