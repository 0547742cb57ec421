// A webhook receiver for the tests: a real HTTP server on 127.0.0.1 that parses each multipart
// body as a webhook receiver would, checks the `payload` part's shape (what a Plex Media Server
// sends) and that no token or email is in it, and can answer slowly, with an error, or not at all.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedWebhook {
  /** The path and query the event was posted to. */
  path: string;
  headers: IncomingMessage['headers'];
  /** The multipart parts by name. */
  parts: Record<string, string>;
  /** The parsed `payload` part. */
  payload: unknown;
  /** Every shape problem found (empty: the payload is what Plex sends). */
  problems: string[];
  /** The raw body, for secret scans. */
  raw: string;
}

export type ReceiverBehaviour = { kind: 'ok' } | { kind: 'status'; status: number } | { kind: 'hang' };

const EVENT_PATTERN = /^(media\.(play|pause|resume|stop|scrobble|rate)|library\.(new|on\.deck)|admin\.database\.(backup|corrupted)|device\.new|playback\.started)$/;

/** The parts of a multipart/form-data body, by name. Throws on anything malformed. */
export function parseMultipart(contentType: string, body: Buffer): Record<string, string> {
  const boundary = /^multipart\/form-data;\s*boundary=("?)([^";]+)\1$/i.exec(contentType.trim())?.[2];
  if (boundary === undefined) throw new Error(`not multipart/form-data with a boundary: ${contentType}`);
  const text = body.toString('utf8');
  const sections = text.split(`--${boundary}`);
  if (sections.at(-1)?.trim() !== '--') throw new Error('the body does not end with the closing boundary');
  const parts: Record<string, string> = {};
  for (const section of sections.slice(1, -1)) {
    const split = section.indexOf('\r\n\r\n');
    if (!section.startsWith('\r\n') || split < 0 || !section.endsWith('\r\n')) throw new Error('a part is not framed by CRLF');
    const headers = section.slice(2, split);
    const name = /content-disposition:\s*form-data;\s*name="([^"]+)"/i.exec(headers)?.[1];
    if (name === undefined) throw new Error('a part has no form-data name');
    parts[name] = section.slice(split + 4, -2);
  }
  return parts;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What differs from the payload a Plex Media Server sends (plex-account-tools-facts.md section 9). */
export function payloadProblems(payload: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(payload)) return ['the payload is not a JSON object'];
  if (typeof payload.event !== 'string' || !EVENT_PATTERN.test(payload.event)) problems.push(`event: ${String(payload.event)}`);
  for (const flag of ['user', 'owner']) if (typeof payload[flag] !== 'boolean') problems.push(`${flag} is not a boolean`);
  const account = payload.Account;
  if (!isObject(account) || typeof account.id !== 'number' || typeof account.title !== 'string' || typeof account.thumb !== 'string') {
    problems.push('Account {id, thumb, title}');
  }
  const server = payload.Server;
  if (!isObject(server) || typeof server.title !== 'string' || typeof server.uuid !== 'string') problems.push('Server {title, uuid}');
  const event = String(payload.event);
  const wantsPlayer = event.startsWith('media.') || event === 'playback.started' || event === 'device.new';
  const player = payload.Player;
  if (wantsPlayer) {
    if (!isObject(player) || typeof player.local !== 'boolean' || typeof player.publicAddress !== 'string' || typeof player.title !== 'string' || typeof player.uuid !== 'string') {
      problems.push('Player {local, publicAddress, title, uuid}');
    }
  } else if (player !== undefined) {
    problems.push(`${event} carries a Player`);
  }
  const wantsMetadata = event.startsWith('media.') || event.startsWith('library.') || event === 'playback.started';
  const metadata = payload.Metadata;
  if (wantsMetadata) {
    if (!isObject(metadata)) {
      problems.push('Metadata missing');
    } else {
      for (const key of ['librarySectionType', 'ratingKey', 'key', 'guid', 'type', 'title', 'summary', 'thumb', 'art']) {
        if (typeof metadata[key] !== 'string') problems.push(`Metadata.${key} is not a string`);
      }
      for (const key of ['year', 'addedAt', 'updatedAt']) if (typeof metadata[key] !== 'number') problems.push(`Metadata.${key} is not a number`);
    }
  } else if (metadata !== undefined) {
    problems.push(`${event} carries Metadata`);
  }
  return problems;
}

/** A secret-looking field or an email anywhere in the text. */
export function secretProblems(text: string): string[] {
  const problems: string[] = [];
  if (/@[a-z0-9-]+\.[a-z]/i.test(text)) problems.push('an email address');
  if (/token|authToken|password/i.test(text)) problems.push('a token-named field');
  return problems;
}

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Requests that arrived (answered or not). */
  arrivals = 0;
  behaviour: ReceiverBehaviour = { kind: 'ok' };
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** An address on this receiver, e.g. `/hooks/plex`. */
  address(path = '/hooks/plex'): string {
    return `${this.url}${path}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.arrivals += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const problems: string[] = [];
      let parts: Record<string, string> = {};
      let payload: unknown;
      if (req.method !== 'POST') problems.push(`method ${String(req.method)}`);
      try {
        parts = parseMultipart(String(req.headers['content-type'] ?? ''), raw);
        payload = JSON.parse(parts.payload ?? '');
        problems.push(...payloadProblems(payload));
      } catch (error) {
        problems.push(`unreadable: ${error instanceof Error ? error.message : String(error)}`);
      }
      for (const name of Object.keys(req.headers)) if (/^x-plex-/i.test(name)) problems.push(`header ${name}`);
      problems.push(...secretProblems(raw.toString('utf8')));
      this.received.push({ path: req.url ?? '', headers: req.headers, parts, payload, problems, raw: raw.toString('utf8') });
      const behaviour = this.behaviour;
      if (behaviour.kind === 'hang') return;
      res.writeHead(behaviour.kind === 'status' ? behaviour.status : 200, { 'content-type': 'text/plain' });
      res.end(behaviour.kind === 'status' ? 'receiver error' : 'ok');
    });
  }
}
