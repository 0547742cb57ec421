// Field readers for the hand-written decoders (no schema library: bundle size matters). Each
// reader names the field path in its error and never echoes the value, which may be a secret.
import { PlexResponseError } from './errors';

export type JsonObject = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}

export function fieldError(path: string, expected: string, got: unknown): PlexResponseError {
  return new PlexResponseError(
    `Plex sent a response that could not be read: field "${path}": expected ${expected}, got ${typeOf(got)}.`,
    { field: path },
  );
}

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${path}[${key}]`;
  }
  return path === '' ? key : `${path}.${key}`;
}

/** Own properties only, so inherited names such as `constructor` never count as present. */
export function get(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fieldError(path, 'object', value);
  }
  return value as JsonObject;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    throw fieldError(path, 'array', value);
  }
  return value;
}

/** Absent or null gives []; one object (as XML-to-JSON converters produce) gives [object]. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

export function readString(object: JsonObject, key: string, path: string): string {
  const value = get(object, key);
  if (typeof value !== 'string') {
    throw fieldError(childPath(path, key), 'string', value);
  }
  return value;
}

/** Absent or null gives undefined; any other non-string is an error. */
export function readOptionalString(object: JsonObject, key: string, path: string): string | undefined {
  const value = get(object, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw fieldError(childPath(path, key), 'string', value);
  }
  return value;
}

export function readNumber(object: JsonObject, key: string, path: string): number {
  const value = get(object, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw fieldError(childPath(path, key), 'number', value);
  }
  return value;
}

export function readOptionalNumber(object: JsonObject, key: string, path: string): number | undefined {
  const value = get(object, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw fieldError(childPath(path, key), 'number', value);
  }
  return value;
}

export function readBoolean(object: JsonObject, key: string, path: string): boolean {
  const value = get(object, key);
  if (typeof value !== 'boolean') {
    throw fieldError(childPath(path, key), 'boolean', value);
  }
  return value;
}

export function readOptionalBoolean(object: JsonObject, key: string, path: string): boolean | undefined {
  const value = get(object, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'boolean') {
    throw fieldError(childPath(path, key), 'boolean', value);
  }
  return value;
}

/** PMS answers mix true/false, 0/1 and "0"/"1" for flags. */
export function readOptionalFlag(object: JsonObject, key: string, path: string): boolean | undefined {
  const value = get(object, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (value === true || value === 1 || value === '1' || value === 'true') {
    return true;
  }
  if (value === false || value === 0 || value === '0' || value === 'false') {
    return false;
  }
  throw fieldError(childPath(path, key), 'boolean', value);
}

/** PMS answers sometimes carry numbers as strings (ports in particular). */
export function readOptionalNumeric(object: JsonObject, key: string, path: string): number | undefined {
  const value = get(object, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) {
    return Number(value);
  }
  throw fieldError(childPath(path, key), 'number', value);
}

/** The non-empty, trimmed items of a comma-separated list (`provides`), walked in place: a run of commas makes no array of its size. */
export function commaList(text: string): string[] {
  const items: string[] = [];
  for (let start = 0; start <= text.length; ) {
    const comma = text.indexOf(',', start);
    const end = comma === -1 ? text.length : comma;
    const item = end > start ? text.slice(start, end).trim() : '';
    if (item !== '') {
      items.push(item);
    }
    start = end + 1;
  }
  return items;
}

/** Leaves optional fields out rather than setting them to undefined, so results compare cleanly. */
export function assignDefined<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) {
    target[key] = value;
  }
}
