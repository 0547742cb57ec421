// JSON.parse behind a depth limit. V8's parser takes about ten times longer per byte on deeply
// nested arrays than on an answer of the same size (8 MiB of `[`: seconds), and no Plex answer
// nests more than a handful of levels. The depth is counted in one forward pass (strings are
// skipped with indexOf), so the check itself is linear and cheap.

/** Deeper than any Plex answer (resources nest 4 levels, PMS answers 5), far below what costs time. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** Index of the quote that closes the string opened at `open`, or -1 when it is never closed. */
function stringEnd(text: string, open: number): number {
  for (let from = open + 1; ; ) {
    const quote = text.indexOf('"', from);
    if (quote === -1) {
      return -1;
    }
    // A quote after an odd number of backslashes is part of the string. Each run of backslashes
    // is counted once, by the quote that follows it.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) {
      return quote;
    }
    from = quote + 1;
  }
}

function tooDeep(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = stringEnd(text, index);
      if (index === -1) {
        return false; // unterminated: JSON.parse says so
      }
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth++;
      if (depth > maxDepth) {
        return true;
      }
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/** JSON.parse, or a SyntaxError for a document nested deeper than `maxDepth`. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (tooDeep(text, maxDepth)) {
    throw new SyntaxError(`JSON nested deeper than ${maxDepth} levels`);
  }
  return JSON.parse(text) as unknown;
}
