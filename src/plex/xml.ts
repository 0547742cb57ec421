// Just enough XML for Plex's answers: the start tags of a document, in order, with the attributes
// the caller asks for. A forward scan with indexOf and character tests, no regular expression:
// every character is looked at a bounded number of times, so a hostile body of the largest size
// the request core reads costs about what a benign one does. Anything unreadable is a
// PlexResponseError.
import { PlexResponseError } from './errors';

export interface XmlStartTag {
  name: string;
  /** Only the attributes the caller wanted; the other values are skipped unread. */
  attributes: ReadonlyMap<string, string>;
  selfClosing: boolean;
  /** Index just past the tag's `>`. */
  end: number;
}

/**
 * Which attributes of an element to read (`true`: all, `false`: none). Values left unread never
 * become strings, which keeps other devices' tokens out of memory the decoder hands on.
 */
export type WantedAttributes = (element: string) => ReadonlySet<string> | boolean;

export interface XmlRoot {
  name: string;
  attributes: ReadonlyMap<string, string>;
}

const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

function malformed(reason: string): PlexResponseError {
  return new PlexResponseError(`Plex sent XML that could not be read (${reason}).`);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// Bounded ({0,10}, {1,7}) and without nested quantifiers: linear on any input.
export function decodeEntities(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
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

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Characters that end a name: space, `/`, `>`, `=`, quotes and `<` (NaN past the end ends it too). */
function isNameCharacter(code: number): boolean {
  return !(isSpace(code) || code === 0x2f || code === 0x3e || code === 0x3d || code === 0x22 || code === 0x27 || code === 0x3c || Number.isNaN(code));
}

function skipSpaces(text: string, position: number): number {
  let index = position;
  while (isSpace(text.charCodeAt(index))) index++;
  return index;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  return skipSpaces(text, from) >= to;
}

function nameEnd(text: string, position: number): number {
  let index = position;
  while (isNameCharacter(text.charCodeAt(index))) index++;
  return index;
}

/** Index just past `terminator`, searched from `from`; unterminated markup is malformed. */
function pastTerminator(text: string, from: number, terminator: string, what: string): number {
  const found = text.indexOf(terminator, from);
  if (found === -1) {
    throw malformed(`unterminated ${what}`);
  }
  return found + terminator.length;
}

/** `<!DOCTYPE ...>`, whose internal subset (`[...]`) may itself hold `>`. */
function pastDeclaration(text: string, position: number): number {
  const close = text.indexOf('>', position);
  const subset = text.indexOf('[', position);
  if (close === -1) {
    throw malformed('unterminated declaration');
  }
  if (subset === -1 || subset > close) {
    return close + 1;
  }
  return pastTerminator(text, pastTerminator(text, subset, ']', 'declaration'), '>', 'declaration');
}

/** Reads the start tag at `start` (the index of its `<`). */
function readStartTag(text: string, start: number, wanted: WantedAttributes): XmlStartTag {
  const nameStop = nameEnd(text, start + 1);
  if (nameStop === start + 1) {
    throw malformed('a "<" that starts no element');
  }
  const name = text.slice(start + 1, nameStop);
  const wantedHere = wanted(name);
  let attributes = NO_ATTRIBUTES;
  let index = nameStop;
  for (;;) {
    const afterSpaces = skipSpaces(text, index);
    const code = text.charCodeAt(afterSpaces);
    if (code === 0x3e) {
      return { name, attributes, selfClosing: false, end: afterSpaces + 1 };
    }
    if (code === 0x2f && text.charCodeAt(afterSpaces + 1) === 0x3e) {
      return { name, attributes, selfClosing: true, end: afterSpaces + 2 };
    }
    // Attributes are separated from the name and from each other by white space.
    if (afterSpaces === index) {
      throw malformed(Number.isNaN(code) ? 'unterminated start tag' : 'bad start tag');
    }
    const attributeStop = nameEnd(text, afterSpaces);
    if (attributeStop === afterSpaces) {
      throw malformed(Number.isNaN(code) ? 'unterminated start tag' : 'bad start tag');
    }
    const equals = skipSpaces(text, attributeStop);
    if (text.charCodeAt(equals) !== 0x3d) {
      throw malformed('an attribute without a value');
    }
    const valueStart = skipSpaces(text, equals + 1);
    const quote = text.charAt(valueStart);
    if (quote !== '"' && quote !== "'") {
      throw malformed('an unquoted attribute value');
    }
    const valueEnd = text.indexOf(quote, valueStart + 1);
    if (valueEnd === -1) {
      throw malformed('unterminated attribute');
    }
    const attribute = wantedHere === false ? '' : text.slice(afterSpaces, attributeStop);
    if (wantedHere === true || (wantedHere !== false && wantedHere.has(attribute))) {
      if (attributes.has(attribute)) {
        throw malformed('repeated attribute');
      }
      const raw = text.slice(valueStart + 1, valueEnd);
      if (raw.includes('<')) {
        throw malformed('"<" in an attribute');
      }
      if (attributes === NO_ATTRIBUTES) {
        attributes = new Map();
      }
      (attributes as Map<string, string>).set(attribute, decodeEntities(raw));
    }
    index = valueEnd + 1;
  }
}

/**
 * Calls `visit` with each start tag in document order (the root first), skipping the XML
 * declaration, comments, CDATA sections, processing instructions, declarations, end tags and
 * text. `visit` returns true to go on, false to stop. A document without any element is malformed.
 */
export function forEachStartTag(text: string, wanted: WantedAttributes, visit: (tag: XmlStartTag) => boolean): void {
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let seenElement = false;
  for (;;) {
    const open = text.indexOf('<', index);
    if (open === -1) {
      break;
    }
    if (!seenElement && !onlySpaces(text, index, open)) {
      throw malformed('text before the root element');
    }
    if (text.startsWith('<!--', open)) {
      index = pastTerminator(text, open + 4, '-->', 'comment');
    } else if (text.startsWith('<![CDATA[', open)) {
      index = pastTerminator(text, open + 9, ']]>', 'CDATA section');
    } else if (text.startsWith('<?', open)) {
      index = pastTerminator(text, open + 2, '?>', 'processing instruction');
    } else if (text.startsWith('<!', open)) {
      index = pastDeclaration(text, open + 2);
    } else if (text.startsWith('</', open)) {
      index = pastTerminator(text, open + 2, '>', 'end tag');
    } else {
      const tag = readStartTag(text, open, wanted);
      seenElement = true;
      if (!visit(tag)) {
        return;
      }
      index = tag.end;
    }
  }
  if (!seenElement) {
    throw malformed('no root element');
  }
}

/** The document's root element with all its attributes, e.g. PMS's `<MediaContainer size="0" token="..."/>`. */
export function parseXmlRoot(text: string): XmlRoot {
  let root: XmlRoot | undefined;
  forEachStartTag(
    text,
    () => true,
    (tag) => {
      root = { name: tag.name, attributes: tag.attributes };
      return false;
    },
  );
  if (root === undefined) {
    throw malformed('no root element');
  }
  return root;
}
