// Just enough XML to read the attributes of a document's root element, e.g. the PMS answer
// `<MediaContainer size="0" token="transient-..."/>`. Anything unreadable is a PlexResponseError.
import { PlexResponseError } from './errors';

export interface XmlRoot {
  name: string;
  attributes: Map<string, string>;
}

function malformed(reason: string): PlexResponseError {
  return new PlexResponseError(`Plex sent XML that could not be read (${reason}).`);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]{0,10});/g, (_match, entity: string) => {
    const named = Object.hasOwn(NAMED_ENTITIES, entity) ? NAMED_ENTITIES[entity] : undefined;
    if (named !== undefined) {
      return named;
    }
    const numeric = /^#(?:x([0-9a-f]{1,6})|(\d{1,7}))$/i.exec(entity);
    if (numeric !== null) {
      const codePoint = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (codePoint <= 0x10ffff) {
        return String.fromCodePoint(codePoint);
      }
    }
    throw malformed('unknown character reference');
  });
}

/** Skips the prolog (declaration, comments, doctype) and returns the first element's start tag. */
function rootStartTag(text: string): string {
  let position = 0;
  for (;;) {
    while (position < text.length && /\s/.test(text.charAt(position))) {
      position += 1;
    }
    const rest = text.slice(position);
    if (rest.startsWith('<?') || rest.startsWith('<!--') || rest.startsWith('<!')) {
      const terminator = rest.startsWith('<?') ? '?>' : rest.startsWith('<!--') ? '-->' : '>';
      const end = text.indexOf(terminator, position + 2);
      if (end === -1) {
        throw malformed('unterminated prolog');
      }
      position = end + terminator.length;
      continue;
    }
    if (!rest.startsWith('<')) {
      throw malformed('no root element');
    }
    // The start tag ends at the first '>' outside a quoted attribute value.
    const tag = /^<[^\s/>"'=<]+(?:\s+[^\s/>"'=<]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\/?>/.exec(rest);
    if (tag === null) {
      throw malformed('bad root start tag');
    }
    return tag[0];
  }
}

export function parseXmlRoot(text: string): XmlRoot {
  const tag = rootStartTag(text.replace(/^\uFEFF/, ''));
  const name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/\s([^\s/>"'=<]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g)) {
    const key = match[1] ?? '';
    if (attributes.has(key)) {
      throw malformed('repeated attribute');
    }
    attributes.set(key, decodeEntities(match[2] ?? match[3] ?? ''));
  }
  return { name, attributes };
}
