// What each fault kind sends. Kinds that replace the answer are built here without running the
// route; kinds that reshape the normal answer transform the handler's Reply.
import { STATUS_CODES } from 'node:http';
import type { StandInFault } from './types';
import { type Reply, type WireReply, JSON_TYPE, htmlError, plexError, plexErrorWithoutCode } from './reply';
import { type JsonValue, cloneJson, isJsonObject } from './json';

export type ReplacingFault = Extract<
  StandInFault,
  {
    kind:
      | 'status'
      | 'rate-limit'
      | 'too-many-attempts'
      | 'token-revoked'
      | 'invalid-token-422'
      | 'pin-expired'
      | 'html-error'
      | 'oversized'
      | 'redirect'
      | 'deep-json';
  }
>;

export function isReplacingFault(fault: StandInFault): fault is ReplacingFault {
  return [
    'status', 'rate-limit', 'too-many-attempts', 'token-revoked', 'invalid-token-422', 'pin-expired', 'html-error', 'oversized',
    'redirect', 'deep-json',
  ].includes(fault.kind);
}

export function replacingReply(fault: ReplacingFault): Reply {
  switch (fault.kind) {
    case 'status': {
      const headers = retryAfter(fault.retryAfterSeconds);
      const message = fault.message ?? STATUS_CODES[fault.status] ?? 'Error';
      if (fault.code !== undefined) return plexError(fault.status, fault.code, message, headers);
      // Without a Plex code: the error body as a gateway or load balancer would send it.
      return plexErrorWithoutCode(fault.status, message, headers);
    }
    case 'rate-limit':
      return plexError(429, 1003, 'API rate limit exceeded', retryAfter(fault.retryAfterSeconds));
    case 'too-many-attempts':
      // What plex.tv sends after repeated failed sign-ins from one address.
      return plexError(
        401,
        1031,
        'User could not be authenticated. This IP appears to be having trouble signing in to an account (detected repeated failures).',
      );
    case 'token-revoked':
      return plexError(401, 1001, 'User could not be authenticated');
    case 'invalid-token-422':
      // plex.tv's answer to a token that a password reset ("sign out of all devices") revoked
      // (account-tools facts 8): the XML body seen on the v1 routes, and for JSON clients the
      // errors array with the same message. No Plex code is known for it, so none is sent.
      return {
        status: 422,
        json: { errors: [{ message: 'Invalid token', status: 422 }] },
        xmlText: `<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error>Invalid token</error>\n</errors>\n`,
      };
    case 'pin-expired':
      return plexError(404, 1020, 'Code not found or expired');
    case 'html-error':
      return htmlError(fault.status ?? 500, 'Something went wrong on our side.');
    case 'oversized':
      return {
        status: 200,
        raw: { contentType: JSON_TYPE, content: oversizedJson(fault.bytes ?? 2 * 1024 * 1024) },
        chunked: fault.declareLength !== true,
      };
    case 'redirect':
      return { status: fault.status ?? 302, headers: { location: fault.location } };
    case 'deep-json': {
      // Valid JSON a recursive parser or decoder would choke on; wrapped in an object like a real answer.
      const depth = Math.max(1, fault.depth ?? 100_000);
      return { status: 200, raw: { contentType: JSON_TYPE, content: `{"MediaContainer":${'['.repeat(depth)}${']'.repeat(depth)}}` } };
    }
  }
}

function retryAfter(seconds: number | undefined): Record<string, string> | undefined {
  return seconds === undefined ? undefined : { 'retry-after': String(seconds) };
}

/** A syntactically valid JSON document of exactly `bytes` bytes (at least the empty wrapper). */
function oversizedJson(bytes: number): string {
  const wrapper = '{"padding":""}';
  return `{"padding":"${'x'.repeat(Math.max(0, bytes - wrapper.length))}"}`;
}

/** The normal answer cut off mid-document: what a truncated or buggy proxy delivers. */
export function malformedJsonReply(reply: Reply): Reply {
  const complete = reply.json === undefined ? '{"MediaContainer":{"size":0}}' : JSON.stringify(reply.json);
  const content = `${complete.slice(0, Math.max(1, Math.floor(complete.length / 2)))}`;
  return { status: reply.status === 204 ? 200 : reply.status, headers: reply.headers, raw: { contentType: JSON_TYPE, content } };
}

export function withoutField(reply: Reply, path: string): Reply {
  if (reply.json === undefined) return reply;
  const json = cloneJson(reply.json);
  editField(json, path.split('.'), (parent, key) => {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else Reflect.deleteProperty(parent, key);
  });
  return { ...reply, json };
}

export function withFieldSet(reply: Reply, path: string, value: JsonValue): Reply {
  if (reply.json === undefined) return reply;
  const json = cloneJson(reply.json);
  editField(json, path.split('.'), (parent, key) => {
    if (Array.isArray(parent)) parent[Number(key)] = value;
    else parent[key] = value;
  });
  return { ...reply, json };
}

/** Marks the string at `path`; `withInvalidUtf8Bytes` swaps the mark for bytes that are not UTF-8. */
const INVALID_UTF8_MARK = 'STANDIN-INVALID-UTF8-MARK';
const INVALID_UTF8_BYTES = Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]);

export function withInvalidUtf8Mark(reply: Reply, path: string): Reply {
  if (reply.json === undefined) return reply;
  const json = cloneJson(reply.json);
  editField(json, path.split('.'), (parent, key) => {
    const current = Array.isArray(parent) ? parent[Number(key)] : parent[key];
    if (typeof current !== 'string') return;
    if (Array.isArray(parent)) parent[Number(key)] = `${INVALID_UTF8_MARK}${current}`;
    else parent[key] = `${INVALID_UTF8_MARK}${current}`;
  });
  return { ...reply, json };
}

/** The wire answer with every mark replaced by invalid UTF-8 (a lone continuation, 0xFF, a surrogate). */
export function withInvalidUtf8Bytes(wire: WireReply): WireReply {
  const mark = Buffer.from(INVALID_UTF8_MARK, 'utf8');
  const parts: Buffer[] = [];
  let offset = 0;
  for (let found = wire.body.indexOf(mark); found >= 0; found = wire.body.indexOf(mark, offset)) {
    parts.push(wire.body.subarray(offset, found), INVALID_UTF8_BYTES);
    offset = found + mark.length;
  }
  parts.push(wire.body.subarray(offset));
  const body = Buffer.concat(parts);
  const headers = { ...wire.headers };
  if (headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
  return { ...wire, headers, body };
}

export function withWrongType(reply: Reply, path: string): Reply {
  if (reply.json === undefined) return reply;
  const json = cloneJson(reply.json);
  editField(json, path.split('.'), (parent, key) => {
    if (Array.isArray(parent)) parent[Number(key)] = wrongTypeFor(parent[Number(key)]);
    else parent[key] = wrongTypeFor(parent[key]);
  });
  return { ...reply, json };
}

/** A value of a different JSON type than `value`. */
export function wrongTypeFor(value: JsonValue | undefined): JsonValue {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not-a-number';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { not: 'an array' };
  if (isJsonObject(value)) return 'not-an-object';
  return 42;
}

type Container = JsonValue[] | { [key: string]: JsonValue };

/**
 * Walks a dotted path. A non-numeric segment on an array applies to every element, so
 * `connections.uri` reaches every connection and, on a resources list, `accessToken` every device.
 */
function editField(node: JsonValue, segments: string[], edit: (parent: Container, key: string) => void): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (Array.isArray(node)) {
    if (!/^\d+$/.test(head)) {
      for (const item of node) editField(item, segments, edit);
      return;
    }
    if (Number(head) >= node.length) return;
    if (rest.length === 0) edit(node, head);
    else editField(node[Number(head)], rest, edit);
    return;
  }
  if (!isJsonObject(node)) return;
  if (rest.length === 0) {
    edit(node, head);
    return;
  }
  const child = node[head];
  if (child !== undefined) editField(child, rest, edit);
}
