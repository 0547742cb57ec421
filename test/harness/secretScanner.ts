// Finds secrets in what a session left behind (files, browser storage, console and log output),
// in every form code could have written them, not only as they are:
//   - raw, and split at line ends: line breaks (\r, \n) in the text are skipped while matching,
//     so a secret wrapped across lines is found in every form below;
//   - base64 and base64url, with or without padding, also inside a longer encoded blob: there a
//     secret starts at one of three byte offsets of a 3-byte group, and each offset gives its own
//     run of characters that depend on the secret alone (see base64Core);
//   - URL-encoded (encodeURIComponent, and form encoding with + for spaces; %xx in either case);
//   - JSON-escaped (JSON.stringify's escapes, a slash as \/, and every character as \uXXXX);
//   - hex (lower and upper case, and bytes separated by spaces as Node prints a Buffer).
// Files are read as UTF-8 and, when they hold NUL bytes, as UTF-16LE at both byte alignments.
//
// Short secrets (a 4-digit Home PIN, a 6-digit two-factor code) have no length floor, but they
// count only where they would be a leak: as a whole token, each form of the whole secret with no
// letter or digit right before or after it (so their base64 is looked for only as the encoding
// of the secret alone, never inside a longer blob). A PIN inside a longer number or word
// ("41234", "a1234b") is chance, not a leak, and so is one followed by " ms": a duration, as the
// request log writes every request's time. A secret is short when it has fewer than 8 characters or only
// digits (numbers of any length are everywhere: times, ports, sizes).
//
// One pass over each text finds every form of every secret (an Aho-Corasick automaton), so the
// cost grows with the text, not with the number of secrets. A hit names where, which secret (by
// its label) and which form, never the secret itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secret {
  /** Names the secret in a report, e.g. "issued token #3"; never the value. */
  label: string;
  value: string;
}

export interface SecretHit {
  where: string;
  label: string;
  /**
   * The form found, e.g. "base64 (offset 1)", "hex, split at a line end"; forms that write this
   * secret the same way are named together ("raw / URL-encoded / JSON-escaped").
   */
  form: string;
}

interface Needle {
  text: string;
  secretIndex: number;
  form: string;
  /** Counts only with no letter or digit right before or after it (short secrets). */
  wholeToken: boolean;
}

/** " ms" right after a number, and no letter after that: a measured time, not a secret. */
function isDuration(text: string, numberEnd: number): boolean {
  return text.startsWith(' ms', numberEnd) && !letterOrDigit(text.charCodeAt(numberEnd + 3));
}

export function isShortSecret(value: string): boolean {
  return value.length < 8 || /^[0-9]+$/.test(value);
}

/**
 * The base64 characters that depend on `bytes` alone when they sit `offset` bytes into a 3-byte
 * group of a longer blob: characters carrying bits of the bytes before are dropped at the start,
 * and the last partial character (and padding) at the end.
 */
export function base64Core(bytes: Buffer, offset: 0 | 1 | 2): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  return encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
}

function base64url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function lowerPercentEscapes(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

function unicodeEscaped(value: string, hexCase: 'lower' | 'upper'): string {
  return Array.from({ length: value.length }, (_, index) => {
    const hex = value.charCodeAt(index).toString(16).padStart(4, '0');
    return `\\u${hexCase === 'lower' ? hex : hex.toUpperCase()}`;
  }).join('');
}

/** Every form of one secret to look for, named. */
export function secretForms(value: string): { form: string; text: string }[] {
  const bytes = Buffer.from(value, 'utf8');
  const hex = bytes.toString('hex');
  const formEncoded = new URLSearchParams({ v: value }).toString().slice('v='.length);
  const json = JSON.stringify(value).slice(1, -1);
  const forms: { form: string; text: string }[] = [
    { form: 'raw', text: value },
    { form: 'URL-encoded', text: encodeURIComponent(value) },
    { form: 'URL-encoded', text: lowerPercentEscapes(encodeURIComponent(value)) },
    { form: 'form-encoded', text: formEncoded },
    { form: 'form-encoded', text: lowerPercentEscapes(formEncoded) },
    { form: 'JSON-escaped', text: json },
    { form: 'JSON-escaped', text: json.replace(/\//g, '\\/') },
    { form: 'JSON \\u-escaped', text: unicodeEscaped(value, 'lower') },
    { form: 'JSON \\u-escaped', text: unicodeEscaped(value, 'upper') },
    { form: 'hex', text: hex },
    { form: 'hex', text: hex.toUpperCase() },
    { form: 'hex bytes', text: hex.replace(/(..)(?=.)/g, '$1 ') },
  ];
  if (isShortSecret(value)) {
    // Whole tokens only: the encoding of the secret alone, as a value of its own.
    const base64 = bytes.toString('base64');
    forms.push({ form: 'base64', text: base64 }, { form: 'base64', text: base64.replace(/=+$/, '') }, { form: 'base64url', text: base64url(base64) });
  } else {
    for (const offset of [0, 1, 2] as const) {
      const core = base64Core(bytes, offset);
      forms.push({ form: `base64 (offset ${offset})`, text: core }, { form: `base64url (offset ${offset})`, text: base64url(core) });
    }
  }
  // One needle per text: forms that write the secret the same way share it, and its name.
  const names = new Map<string, string[]>();
  for (const { form, text } of forms) {
    const known = names.get(text) ?? [];
    names.set(text, known.includes(form) ? known : [...known, form]);
  }
  return [...names].filter(([text]) => text.length > 0).map(([text, known]) => ({ form: known.join(' / '), text }));
}

const lineBreak = (code: number): boolean => code === 10 || code === 13;
const letterOrDigit = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Aho-Corasick over UTF-16 code units: every needle found in one pass, line breaks skipped. */
class Automaton {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Needle indices that end in each state, those of its suffix states included. */
  private readonly ends: number[][] = [[]];
  readonly longest: number;

  constructor(private readonly needles: readonly string[]) {
    needles.forEach((needle, index) => {
      let state = 0;
      for (let at = 0; at < needle.length; at++) {
        const code = needle.charCodeAt(at);
        let target = this.next[state]?.get(code);
        if (target === undefined) {
          target = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.ends.push([]);
          this.next[state]?.set(code, target);
        }
        state = target;
      }
      this.ends[state]?.push(index);
    });
    this.longest = Math.max(1, ...needles.map((needle) => needle.length));
    const queue: number[] = [...(this.next[0]?.values() ?? [])];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      for (const [code, target] of this.next[state] ?? []) {
        let fallback = this.fail[state] ?? 0;
        while (fallback !== 0 && !this.next[fallback]?.has(code)) {
          fallback = this.fail[fallback] ?? 0;
        }
        const suffix = this.next[fallback]?.get(code);
        this.fail[target] = suffix !== undefined && suffix !== target ? suffix : 0;
        this.ends[target] = [...(this.ends[target] ?? []), ...(this.ends[this.fail[target] ?? 0] ?? [])];
        queue.push(target);
      }
    }
  }

  /** Calls `found` with each match: the needle, where it starts and where it ends (exclusive) in `text`. */
  scan(text: string, found: (needle: number, start: number, end: number) => void): void {
    // Positions of the last characters fed (line breaks are not fed), to find where a match starts.
    const recent = new Int32Array(this.longest);
    let fed = 0;
    let state = 0;
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (lineBreak(code)) {
        continue;
      }
      recent[fed % this.longest] = at;
      fed++;
      while (state !== 0 && !this.next[state]?.has(code)) {
        state = this.fail[state] ?? 0;
      }
      state = this.next[state]?.get(code) ?? 0;
      for (const needle of this.ends[state] ?? []) {
        const length = this.needles[needle]?.length ?? 0;
        found(needle, recent[(fed - length) % this.longest] ?? 0, at + 1);
      }
    }
  }
}

export class SecretScanner {
  private readonly needles: Needle[];
  private readonly automaton: Automaton;
  private readonly asciiOnly: boolean;
  /** How many characters the scans so far read (for reports). */
  scannedCharacters = 0;

  constructor(private readonly secrets: readonly Secret[]) {
    this.needles = secrets.flatMap(({ value }, secretIndex) =>
      value.length === 0 ? [] : secretForms(value).map(({ form, text }) => ({ text, secretIndex, form, wholeToken: isShortSecret(value) })),
    );
    this.automaton = new Automaton(this.needles.map((needle) => needle.text));
    this.asciiOnly = secrets.every(({ value }) => /^[\x20-\x7e]*$/.test(value));
  }

  scanText(where: string, text: string): SecretHit[] {
    const hits = new Map<string, SecretHit>();
    this.scannedCharacters += text.length;
    this.automaton.scan(text, (index, start, end) => {
      const needle = this.needles[index];
      if (
        needle === undefined ||
        (needle.wholeToken && (letterOrDigit(text.charCodeAt(start - 1)) || letterOrDigit(text.charCodeAt(end)) || isDuration(text, end)))
      ) {
        return;
      }
      const split = /[\r\n]/.test(text.slice(start, end));
      const form = split ? `${needle.form}, split at a line end` : needle.form;
      const label = this.secrets[needle.secretIndex]?.label ?? '?';
      hits.set(`${needle.secretIndex} ${form}`, { where, label, form });
    });
    return [...hits.values()];
  }

  /** Several texts, each named by where it came from. */
  scanTexts(texts: Readonly<Record<string, string>>): SecretHit[] {
    return Object.entries(texts).flatMap(([where, text]) => this.scanText(where, text));
  }

  /** A file's bytes as UTF-8 and, if it could hold UTF-16 text, as UTF-16LE at both alignments. */
  scanBytes(where: string, bytes: Buffer): SecretHit[] {
    const hits = this.scanText(where, bytes.toString('utf8'));
    // An ASCII secret in UTF-16 has a NUL in every other byte: without NULs, no need to look.
    if (!this.asciiOnly || bytes.includes(0)) {
      for (const alignment of [0, 1]) {
        const wide = bytes.subarray(alignment, bytes.length - ((bytes.length - alignment) % 2)).toString('utf16le');
        hits.push(...this.scanText(where, wide).map((hit) => ({ ...hit, form: `${hit.form}, UTF-16` })));
      }
    }
    return hits;
  }

  /** Every file below `root` that `include` accepts (default: all), and the file names themselves. */
  scanDirectory(root: string, include: (file: string) => boolean = () => true): SecretHit[] {
    return listFiles(root)
      .filter(include)
      .flatMap((file) => [...this.scanText(`file name ${file}`, file.slice(root.length)), ...this.scanBytes(file, readFileSync(file))]);
  }
}

function listFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      return listFiles(path);
    }
    return entry.isFile() ? [path] : [];
  });
}

/** One line per hit, for an assertion message: where, which secret, which form. */
export function describeHits(hits: readonly SecretHit[]): string[] {
  return hits.map((hit) => `${hit.label} (${hit.form}) in ${hit.where}`);
}

/** Where each secret shows in `texts` (named by where they came from), in any form: [] when none. */
export function secretsIn(secrets: readonly Secret[], texts: Readonly<Record<string, string>>): string[] {
  return describeHits(new SecretScanner(secrets).scanTexts(texts));
}
