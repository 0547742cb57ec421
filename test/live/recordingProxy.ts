// A loopback HTTP proxy in front of one upstream (plex.tv or a server): the service layer talks to
// it as if it were the upstream, and each exchange is recorded for the spec check. It asks the
// upstream for an unencoded body so the recorded text is what the service layer read.
import { type IncomingMessage, type OutgoingHttpHeaders, createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ConformanceExchange } from '../spec/conformance';

export interface RecordedExchange extends ConformanceExchange {
  durationMs: number;
}

export interface RecordingProxy {
  /** Where the service layer should send its requests instead of the upstream. */
  url: string;
  exchanges: RecordedExchange[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'accept-encoding', 'content-length', 'upgrade']);
const UPSTREAM_TIMEOUT_MS = 20_000;

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forwardedHeaders(headers: IncomingMessage['headers']): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = { 'accept-encoding': 'identity' };
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) result[name] = value;
  return result;
}

interface UpstreamAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function askUpstream(target: URL, method: string, headers: OutgoingHttpHeaders, body: Buffer): Promise<UpstreamAnswer> {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(target, { method, headers: { ...headers, 'content-length': String(body.length) }, timeout: UPSTREAM_TIMEOUT_MS }, (answer) => {
      readAll(answer).then((text) => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: text }), reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('the upstream did not answer in time')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export async function startRecordingProxy(upstream: string, host: ConformanceExchange['host']): Promise<RecordingProxy> {
  const base = new URL(upstream);
  const exchanges: RecordedExchange[] = [];
  let proxyUrl = '';
  const server = createServer((req, res) => {
    void (async () => {
      const started = Date.now();
      const requestBody = await readAll(req);
      const incoming = new URL(req.url ?? '/', 'http://proxy.invalid');
      const target = new URL(`${base.pathname.replace(/\/$/, '')}${incoming.pathname}${incoming.search}`, base);
      const method = req.method ?? 'GET';
      try {
        const answer = await askUpstream(target, method, forwardedHeaders(req.headers), requestBody);
        const contentType = answer.headers['content-type'];
        exchanges.push({
          host,
          method,
          pathname: incoming.pathname,
          query: [...incoming.searchParams],
          headers: req.headers,
          requestBody: requestBody.toString('utf8'),
          status: answer.status,
          contentType,
          body: answer.body.toString('utf8'),
          durationMs: Date.now() - started,
        });
        const headers: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
        headers['content-length'] = String(answer.body.length);
        // A redirect within the upstream stays within the proxy, as it would stay on the upstream's origin.
        const location = typeof headers['location'] === 'string' ? new URL(headers['location'], target) : undefined;
        if (location !== undefined && location.origin === base.origin) headers['location'] = `${proxyUrl}${location.pathname}${location.search}`;
        res.writeHead(answer.status, headers);
        res.end(answer.body);
      } catch {
        // The service layer sees a reset, as it would from the upstream itself.
        res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: proxyUrl,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
