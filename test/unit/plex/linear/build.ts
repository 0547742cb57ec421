// Builds bodies of a given size: benign ones shaped like real Plex answers, hostile ones made of
// one pattern repeated. Sizes are in characters; every body here is ASCII, so also in bytes.

/** `head`, then `unit(0)`, `unit(1)`, ... while they fit, then `tail`, padded with spaces to exactly `size`. */
export function grow(size: number, head: string, unit: (index: number) => string, tail: string): string {
  const parts = [head];
  let length = head.length + tail.length;
  for (let index = 0; ; index++) {
    const next = unit(index);
    if (length + next.length > size) break;
    parts.push(next);
    length += next.length;
  }
  parts.push(' '.repeat(Math.max(0, size - length)), tail);
  return parts.join('');
}

/** `head`, then `unit` repeated to fill `size`, then `tail`. */
export function repeat(size: number, head: string, unit: string, tail = ''): string {
  const times = Math.max(0, Math.floor((size - head.length - tail.length) / unit.length));
  return `${head}${unit.repeat(times)}${tail}`;
}

/** `open` repeated, then `close` repeated as often, in `size`. */
export function nested(size: number, head: string, open: string, middle: string, close: string, tail: string): string {
  const times = Math.max(0, Math.floor((size - head.length - middle.length - tail.length) / (open.length + close.length)));
  return `${head}${open.repeat(times)}${middle}${close.repeat(times)}${tail}`;
}

/** A realistic list element: what fills an answer that grows with the account. */
export function jsonItem(index: number): string {
  return `{"id":${index},"name":"Item ${index}","enabled":${index % 2 === 0},"updatedAt":${1_700_000_000 + index}},`;
}

export function base64urlOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
