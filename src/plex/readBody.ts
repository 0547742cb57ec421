// Reads a response body without trusting the server: at most `capBytes`, streamed, and the
// connection is dropped as soon as the cap is passed.
import { PlexResponseError } from './errors';

export const BODY_CAP_BYTES = 1024 * 1024;

export type MediaType = 'json' | 'xml' | 'html' | 'other' | 'none';

export function mediaTypeOf(contentType: string | null): MediaType {
  if (contentType === null || contentType.trim() === '') {
    return 'none';
  }
  const essence = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (essence === 'application/json' || essence.endsWith('+json')) {
    return 'json';
  }
  if (essence === 'application/xml' || essence === 'text/xml' || essence.endsWith('+xml')) {
    return 'xml';
  }
  return essence === 'text/html' ? 'html' : 'other';
}

/** Some servers omit Content-Type; the first character then tells JSON from XML. */
export function sniffMediaType(text: string): MediaType {
  const first = text.trimStart().charAt(0);
  if (first === '{' || first === '[') {
    return 'json';
  }
  return first === '<' ? 'xml' : 'other';
}

export function tooLarge(host: string, capBytes: number): PlexResponseError {
  return new PlexResponseError(`${host} sent a response larger than ${Math.round(capBytes / 1024)} KiB; it was not read.`);
}

export async function readCappedBody(
  body: NodeJS.ReadableStream | null,
  declaredLength: string | null,
  capBytes: number,
  host: string,
  dropConnection: () => void,
): Promise<string> {
  if (declaredLength !== null && Number(declaredLength) > capBytes) {
    dropConnection();
    throw tooLarge(host, capBytes);
  }
  if (body === null) {
    return '';
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > capBytes) {
      dropConnection();
      throw tooLarge(host, capBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total).toString('utf8').replace(/^\uFEFF/, '');
}
