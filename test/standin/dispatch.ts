// The per-request pipeline shared by the plex.tv and PMS listeners: route lookup, request log,
// protocol-violation checks, faults, the route handler, and writing the answer.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { RequestHandler, PendingTimers } from './listener';
import { type Reply, type WireReply, htmlError, plexErrorWithoutCode, toWire } from './reply';
import {
  isReplacingFault,
  malformedJsonReply,
  replacingReply,
  withFieldSet,
  withInvalidUtf8Bytes,
  withInvalidUtf8Mark,
  withWrongType,
  withoutField,
} from './faultAnswers';
import { type StandInExchange, hasExchangeListeners, publishExchange } from './exchangeTap';
import type { StandInFault, StandInLogEntry, StandInRoute } from './types';
import type { StandInWorld } from './world';

export interface RequestContext {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** `Accept: application/json` was sent; otherwise Plex answers XML. */
  wantsJson: boolean;
  /** Path parameters, e.g. `id` for /api/v2/pins/:id. */
  params: Record<string, string>;
  clientIdentifier: string | undefined;
  /** `X-Plex-Token` from the header, else from the query string (recorded as a violation). */
  token: string | undefined;
  readBody(): Promise<string>;
}

export type RouteHandler = (context: RequestContext) => Reply | Promise<Reply>;

export type RouteLookup =
  | { kind: 'route'; route: StandInRoute; handler: RouteHandler; params?: Record<string, string> }
  | { kind: 'wrong-method'; route: StandInRoute; allowed: string[] }
  | { kind: 'none' };

export interface Site {
  /** 'plex.tv' or the PMS client identifier (log entries, fault `server` filters). */
  name: string;
  serverId?: string;
  /** For a PMS: the spec version it follows (the conformance check reads it). */
  serverSpec?: '2024-09' | '2026-02';
  lookup(method: string, pathname: string): RouteLookup;
}

const MAX_REQUEST_BODY = 64 * 1024;

export function queryValue(url: URL, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

export function serveSite(site: Site, world: StandInWorld, timers: PendingTimers): RequestHandler {
  return (req, res) => {
    void handle(site, world, timers, req, res).catch((error: unknown) => {
      // A client that went away mid-request is not the stand-in's fault.
      if (req.destroyed || res.destroyed) return;
      world.addViolation(`stand-in error on ${req.method ?? '?'} ${req.url ?? '?'}: ${String(error)}`);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('stand-in error');
      }
    });
  };
}

async function handle(
  site: Site,
  world: StandInWorld,
  timers: PendingTimers,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = Date.now();
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
  const lookup = site.lookup(method, url.pathname);
  const route = lookup.kind === 'none' ? 'unknown' : lookup.route;
  const entry = world.log.begin(site.name, route, method, `${url.pathname}${url.search}`, req.headers);
  res.on('close', () => {
    entry.durationMs = Date.now() - started;
  });

  const queryToken = queryValue(url, 'X-Plex-Token');
  if (queryToken !== undefined) {
    world.addViolation(`token in query string: ${method} ${url.pathname} on ${site.name}`);
  }
  let requestBody: Promise<string> | undefined;
  const context: RequestContext = {
    method,
    url,
    headers: req.headers,
    wantsJson: (headerValue(req.headers, 'accept') ?? '').includes('application/json'),
    params: lookup.kind === 'route' ? (lookup.params ?? {}) : {},
    clientIdentifier: headerValue(req.headers, 'x-plex-client-identifier') ?? queryValue(url, 'X-Plex-Client-Identifier'),
    token: headerValue(req.headers, 'x-plex-token') ?? queryToken,
    readBody: () => (requestBody ??= readBody(req)),
  };
  const writer = new AnswerWriter(res, entry, started, timers);

  const fault = world.faults.take(route, site.serverId);
  if (fault !== undefined) {
    if (fault.kind === 'hang') return; // close() destroys the socket
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (isReplacingFault(fault)) {
      const wire = toWire(replacingReply(fault), context.wantsJson);
      writer.send(wire);
      await publish(world, site, lookup, context, requestBody, wire, fault);
      return;
    }
    if (fault.kind === 'slow') {
      await timers.delay(fault.delayMs);
      if (res.destroyed) return;
    }
  }

  const reply = await answer(site, lookup, context);
  if (res.destroyed) return;
  const shaped = reshape(reply, fault);
  const built = toWire(shaped, fault?.kind === 'xml' ? false : context.wantsJson);
  const wire = fault?.kind === 'invalid-utf8' ? withInvalidUtf8Bytes(built) : built;
  if (fault?.kind === 'trickle') writer.trickle(wire, fault.bytesPerSecond);
  else if (fault?.kind === 'reset-mid-body') writer.resetMidBody(wire);
  else writer.send(wire);
  await publish(world, site, lookup, context, requestBody, wire, fault);
}

/** Hands the finished exchange to the world's spec monitor and to whoever else listens. */
async function publish(
  world: StandInWorld,
  site: Site,
  lookup: RouteLookup,
  context: RequestContext,
  requestBody: Promise<string> | undefined,
  wire: WireReply,
  fault: StandInFault | undefined,
): Promise<void> {
  if (world.onExchange === undefined && !hasExchangeListeners()) return;
  const exchange: StandInExchange = {
    site: site.name,
    ...(site.serverSpec === undefined ? {} : { serverSpec: site.serverSpec }),
    route: lookup.kind === 'none' ? 'unknown' : lookup.route,
    ...(lookup.kind === 'wrong-method' ? { wrongMethod: true } : {}),
    method: context.method,
    pathname: context.url.pathname,
    query: [...context.url.searchParams],
    headers: context.headers,
    requestBody: requestBody === undefined ? '' : await requestBody.catch(() => ''),
    status: wire.status,
    contentType: wire.headers['content-type'],
    body: wire.body.toString('utf8'),
    faulted: fault !== undefined,
    ...(fault === undefined ? {} : { fault: fault.kind }),
  };
  world.onExchange?.(exchange);
  if (hasExchangeListeners()) publishExchange(exchange);
}

/**
 * A path no route serves, or a method the path does not take: a Plex Media Server answers with
 * its HTML error page (as the 2026-02 spec documents its 404s); plex.tv with its JSON error body.
 */
async function answer(site: Site, lookup: RouteLookup, context: RequestContext): Promise<Reply> {
  if (lookup.kind === 'route') return lookup.handler(context);
  const status = lookup.kind === 'wrong-method' ? 405 : 404;
  const headers = lookup.kind === 'wrong-method' ? { allow: lookup.allowed.join(', ') } : undefined;
  const reply = site.serverId === undefined ? plexErrorWithoutCode(status) : htmlError(status);
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

function reshape(reply: Reply, fault: StandInFault | undefined): Reply {
  switch (fault?.kind) {
    case 'malformed-json':
      return malformedJsonReply(reply);
    case 'missing-field':
      return withoutField(reply, fault.field);
    case 'wrong-type':
      return withWrongType(reply, fault.field);
    case 'set-field':
      return withFieldSet(reply, fault.field, fault.value);
    case 'invalid-utf8':
      return withInvalidUtf8Mark(reply, fault.field);
    default:
      return reply;
  }
}

class AnswerWriter {
  constructor(
    private readonly res: ServerResponse,
    private readonly entry: StandInLogEntry,
    private readonly started: number,
    private readonly timers: PendingTimers,
  ) {}

  send(wire: WireReply): void {
    this.head(wire);
    this.res.end(wire.body);
  }

  /** The whole answer, a few bytes at a time. */
  trickle(wire: WireReply, bytesPerSecond: number): void {
    this.head(wire);
    const rate = Math.max(1, bytesPerSecond);
    const chunk = Math.max(1, Math.round(rate / 10));
    const intervalMs = Math.max(10, Math.round((1000 * chunk) / rate));
    let offset = 0;
    const next = (): void => {
      if (this.res.destroyed) return;
      const end = Math.min(wire.body.length, offset + chunk);
      if (end >= wire.body.length) {
        this.res.end(wire.body.subarray(offset));
        return;
      }
      this.res.write(wire.body.subarray(offset, end));
      offset = end;
      this.timers.after(intervalMs, next);
    };
    next();
  }

  /** Headers promising the full body, half of it, then a dead socket. */
  resetMidBody(wire: WireReply): void {
    this.head(wire);
    const half = wire.body.subarray(0, Math.floor(wire.body.length / 2));
    this.res.write(half, () => this.res.destroy());
    if (half.length === 0) this.res.destroy();
  }

  private head(wire: WireReply): void {
    this.entry.status = wire.status;
    this.entry.durationMs = Date.now() - this.started;
    this.res.writeHead(wire.status, STATUS_CODES[wire.status] ?? 'Unknown', wire.headers);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
