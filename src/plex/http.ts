// The one request core both clients use: identity headers, per-attempt timeout, cancellation,
// same-origin redirects only, a capped body, content-type checks, Plex error mapping, retries of
// idempotent requests, and a redacted log entry per HTTP exchange.
import type { RequestInit, Response } from 'node-fetch' with { 'resolution-mode': 'import' };
import { PlexCancelledError, PlexError, PlexResponseError, PlexTimeoutError } from './errors';
import { identityHeaders, tokenHeader } from './headers';
import { networkFailure } from './networkErrors';
import { BODY_CAP_BYTES, mediaTypeOf, readCappedBody } from './readBody';
import { redact, redactUrl } from './redact';
import { errorFromResponse, isRetryableStatus, readPlexErrorBody, type ErrorContext } from './responseErrors';
import { successBody, type ExpectedBody, type PlexHttpBody } from './successBody';
import { backoffDelayMs, parseRetryAfterMs, retryPolicy, sleep, type RetryPolicy } from './retry';
import type { PlexClientIdentity, PlexRequestLogEntry, PlexRequestOptions, PlexRetryOptions } from './types';

export const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;
let fetchModule: Promise<Fetch> | undefined;

/** node-fetch is ESM-only; a dynamic import keeps type-checking happy and esbuild bundles it. */
export function loadFetch(): Promise<Fetch> {
  fetchModule ??= import('node-fetch').then((module) => module.default);
  return fetchModule;
}

export interface PlexHttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Appended to the base URL's path, e.g. `/api/v2/user`. */
  path: string;
  query?: Record<string, string>;
  /** Sent only as the X-Plex-Token header. */
  token?: string;
  /** Sent as application/x-www-form-urlencoded; pairs for a field sent more than once (`urls[]`). */
  form?: Record<string, string> | readonly (readonly [string, string])[];
  /** Replace identity headers (e.g. Accept, X-Plex-Product) for one route; never the token. */
  headers?: Record<string, string>;
  /** A larger body cap for answers known to grow with the account (default BODY_CAP_BYTES). */
  maxBodyBytes?: number;
  /** Sent as application/json (JWT device authentication); `form` wins when both are set. */
  json?: unknown;
  expect: ExpectedBody;
  context: ErrorContext;
  /** Only idempotent requests may be retried. */
  retry: boolean;
}

export interface PlexHttpConfig {
  identity: PlexClientIdentity;
  baseUrl: string;
  timeoutMs?: number;
  log?: (entry: PlexRequestLogEntry) => void;
  retry?: PlexRetryOptions;
}

interface Exchange {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  text: string;
}

interface AttemptFailure {
  ok: false;
  error: PlexError;
  retryable: boolean;
  retryAfterMs?: number;
}

type AttemptOutcome = { ok: true; body: PlexHttpBody } | AttemptFailure;

/** Where an attempt currently is, for its log entry. */
interface Trace {
  url: URL;
  started: number;
  status?: number;
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('The Plex base URL is not a valid URL.');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
    throw new TypeError('The Plex base URL must be an http or https URL without credentials.');
  }
  url.search = '';
  url.hash = '';
  return url;
}

export function describeDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

function encodeBody(request: PlexHttpRequest): [contentType: string, body: string | undefined] {
  if (request.form !== undefined) {
    const fields: Iterable<[string, string]> = Array.isArray(request.form)
      ? request.form.map(([name, value]): [string, string] => [name, value])
      : Object.entries(request.form);
    return ['application/x-www-form-urlencoded', new URLSearchParams([...fields]).toString()];
  }
  return ['application/json', request.json === undefined ? undefined : JSON.stringify(request.json)];
}

export class PlexHttp {
  private readonly baseUrl: URL;
  private readonly host: string;
  private readonly identity: PlexClientIdentity;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly log: ((entry: PlexRequestLogEntry) => void) | undefined;

  constructor(config: PlexHttpConfig) {
    this.baseUrl = parseBaseUrl(config.baseUrl);
    this.host = this.baseUrl.host;
    this.identity = config.identity;
    this.timeoutMs = positive(config.timeoutMs) ?? DEFAULT_TIMEOUT_MS;
    this.policy = retryPolicy(config.retry);
    this.log = config.log;
  }

  async request(request: PlexHttpRequest, options: PlexRequestOptions = {}): Promise<PlexHttpBody> {
    const headers = {
      ...identityHeaders(this.identity),
      ...request.headers,
      ...(request.token === undefined ? {} : tokenHeader(request.token)),
    };
    const url = this.urlFor(request);
    const timeoutMs = positive(options.timeoutMs) ?? this.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      if (options.signal?.aborted) {
        throw new PlexCancelledError();
      }
      const outcome = await this.attempt(request, url, headers, attempt, timeoutMs, options.signal);
      if (outcome.ok) {
        return outcome.body;
      }
      const { error, retryable, retryAfterMs } = outcome;
      const waitTooLong = retryAfterMs !== undefined && retryAfterMs > this.policy.maxRetryAfterMs;
      if (!request.retry || !retryable || attempt > this.policy.maxRetries || waitTooLong) {
        throw error;
      }
      await sleep(retryAfterMs ?? backoffDelayMs(this.policy, attempt), options.signal);
    }
  }

  private urlFor(request: PlexHttpRequest): URL {
    const url = new URL(this.baseUrl.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${request.path}`;
    for (const [name, value] of Object.entries(request.query ?? {})) {
      url.searchParams.set(name, value);
    }
    return url;
  }

  private async attempt(
    request: PlexHttpRequest,
    url: URL,
    headers: Record<string, string>,
    attempt: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<AttemptOutcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const cancel = (): void => controller.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    const trace: Trace = { url, started: performance.now() };
    try {
      const exchange = await this.exchange(request, headers, controller, trace, attempt);
      const outcome = this.interpret(request, exchange);
      this.emit(request.method, trace, attempt, outcome.ok ? undefined : outcome.error);
      return outcome;
    } catch (error) {
      const outcome = this.failure(error, signal, timedOut, timeoutMs);
      this.emit(request.method, trace, attempt, outcome.error);
      return outcome;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      // Tears down anything still open (a drained redirect body, a half-read error page).
      controller.abort();
    }
  }

  /** One request, following same-origin redirects; the body is read under the cap. */
  private async exchange(
    request: PlexHttpRequest,
    headers: Record<string, string>,
    controller: AbortController,
    trace: Trace,
    attempt: number,
  ): Promise<Exchange> {
    const fetch = await loadFetch();
    let method: string = request.method;
    const [contentType, encoded] = encodeBody(request);
    let body = encoded;
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(trace.url.href, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': contentType },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      trace.status = response.status;
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null) {
        const cap = request.maxBodyBytes ?? BODY_CAP_BYTES;
        const text = await readCappedBody(response.body, response.headers.get('content-length'), cap, this.host, () =>
          controller.abort(),
        );
        return {
          status: response.status,
          contentType: response.headers.get('content-type'),
          retryAfter: response.headers.get('retry-after'),
          text,
        };
      }
      response.body?.resume();
      this.emit(method, trace, attempt, undefined);
      trace.url = this.redirectTarget(location, trace.url, redirects);
      trace.started = performance.now();
      delete trace.status;
      // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
    }
  }

  /** Only the origin the caller chose may receive the token (or a password). */
  private redirectTarget(location: string, from: URL, redirectsSoFar: number): URL {
    let target: URL;
    try {
      target = new URL(location, from);
    } catch {
      throw new PlexResponseError(`${this.host} redirected the request to an invalid address.`);
    }
    if (target.origin !== this.baseUrl.origin) {
      throw new PlexResponseError(
        `${this.host} redirected the request to another site (${target.origin}); it was not followed.`,
      );
    }
    if (redirectsSoFar >= MAX_REDIRECTS) {
      throw new PlexResponseError(`${this.host} redirected the request too many times.`);
    }
    return target;
  }

  private interpret(request: PlexHttpRequest, exchange: Exchange): AttemptOutcome {
    const retryAfterMs = parseRetryAfterMs(exchange.retryAfter);
    if (exchange.status < 200 || exchange.status > 299) {
      const body = readPlexErrorBody(exchange.text, mediaTypeOf(exchange.contentType));
      const error = errorFromResponse({ status: exchange.status, host: this.host, context: request.context, body, retryAfterMs });
      const retryable = isRetryableStatus(exchange.status) || error.kind === 'rate-limited';
      return { ok: false, error, retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    }
    try {
      return { ok: true, body: successBody(request.expect, exchange.contentType, exchange.text, this.host, exchange.status) };
    } catch (error) {
      if (error instanceof PlexError) {
        return { ok: false, error, retryable: false };
      }
      throw error;
    }
  }

  private failure(error: unknown, signal: AbortSignal | undefined, timedOut: boolean, timeoutMs: number): AttemptFailure {
    if (signal?.aborted) {
      return { ok: false, error: new PlexCancelledError(), retryable: false };
    }
    if (timedOut) {
      const message = `${this.host} did not answer within ${describeDuration(timeoutMs)}.`;
      return { ok: false, error: new PlexTimeoutError(message), retryable: false };
    }
    if (error instanceof PlexError) {
      return { ok: false, error, retryable: false };
    }
    const failure = networkFailure(error, this.host);
    return { ok: false, error: failure.error, retryable: failure.retryable };
  }

  private emit(method: string, trace: Trace, attempt: number, error: PlexError | undefined): void {
    if (this.log === undefined) {
      return;
    }
    const entry: PlexRequestLogEntry = {
      method,
      url: redactUrl(trace.url.href),
      attempt,
      durationMs: performance.now() - trace.started,
    };
    if (trace.status !== undefined) {
      entry.status = trace.status;
    }
    if (error !== undefined) {
      entry.error = redact(error.message);
      entry.kind = error.kind;
    }
    try {
      this.log(entry);
    } catch {
      // A failing logger must not fail the request.
    }
  }
}
