// What a route handler returns, and how it becomes bytes. Handlers never touch the response
// object, so the fault layer can delay, reshape or cut any answer the same way.
import { STATUS_CODES } from 'node:http';
import { escapeXml, toXmlDocument } from './xml';
import type { JsonValue } from './json';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Written as JSON when the client asked for it, else as XML under `xmlRoot`. */
  json?: JsonValue;
  xmlRoot?: string;
  /** An XML document sent as it is when the client did not ask for JSON, instead of `json` rendered under `xmlRoot`. */
  xmlText?: string;
  /** A body sent verbatim (HTML error pages, broken JSON); wins over `json`. */
  raw?: { contentType: string; content: string };
  /** Send without Content-Length (chunked), so the client only learns the size by reading. */
  chunked?: boolean;
}

export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const XML_TYPE = 'application/xml; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** plex.tv's (and 2024-spec PMS's) error shape: `{"errors":[{code, message, status}]}`. */
export function plexError(status: number, code: number, message: string, headers?: Record<string, string>): Reply {
  return { status, headers, json: { errors: [{ code, message, status }] }, xmlRoot: 'errors' };
}

/** An error body without a Plex code: what plex.tv answers for a path or method it does not serve. */
export function plexErrorWithoutCode(status: number, message = STATUS_CODES[status] ?? 'Error', headers?: Record<string, string>): Reply {
  return { status, headers, json: { errors: [{ message, status }] }, xmlRoot: 'errors' };
}

/** The bare HTML error page a 2026-spec PMS answers 400/403 with. */
export function htmlError(status: number, detail?: string): Reply {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  const paragraph = detail === undefined ? '' : `<p>${escapeXml(detail)}</p>`;
  return {
    status,
    raw: {
      contentType: HTML_TYPE,
      content: `<html><head><title>${escapeXml(title)}</title></head><body><h1>${escapeXml(title)}</h1>${paragraph}</body></html>`,
    },
  };
}

export function toWire(reply: Reply, wantsJson: boolean): WireReply {
  const headers: Record<string, string> = { ...reply.headers };
  let body = Buffer.alloc(0);
  if (reply.raw !== undefined) {
    headers['content-type'] = reply.raw.contentType;
    body = Buffer.from(reply.raw.content, 'utf8');
  } else if (!wantsJson && reply.xmlText !== undefined) {
    headers['content-type'] = XML_TYPE;
    body = Buffer.from(reply.xmlText, 'utf8');
  } else if (reply.json !== undefined) {
    headers['content-type'] = wantsJson ? JSON_TYPE : XML_TYPE;
    const text = wantsJson ? JSON.stringify(reply.json) : toXmlDocument(reply.xmlRoot ?? 'MediaContainer', reply.json);
    body = Buffer.from(text, 'utf8');
  }
  if (reply.chunked !== true) headers['content-length'] = String(body.length);
  return { status: reply.status, headers, body };
}
