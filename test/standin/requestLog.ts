// The request log tests read (retry counts, headers sent). Entries are recorded when a request
// arrives, so a test that has its answer already sees the entry; status and duration are filled
// in when the answer goes out. Secrets never enter the log: see `redact`.
import type { IncomingHttpHeaders } from 'node:http';
import type { StandInLogEntry } from './types';

const SECRET_HEADERS = new Set(['x-plex-token', 'authorization', 'proxy-authorization', 'cookie']);

export class RequestLog {
  private entries: StandInLogEntry[] = [];

  constructor(private readonly knownTokens: () => Iterable<string>) {}

  begin(host: string, route: StandInLogEntry['route'], method: string, path: string, headers: IncomingHttpHeaders): StandInLogEntry {
    const entry: StandInLogEntry = {
      time: Date.now(),
      host,
      route,
      method,
      path: this.redact(path),
      headers: this.redactHeaders(headers),
      status: 0,
      durationMs: 0,
    };
    this.entries.push(entry);
    return entry;
  }

  list(): StandInLogEntry[] {
    return this.entries.map((entry) => ({ ...entry, headers: { ...entry.headers } }));
  }

  clear(): void {
    this.entries = [];
  }

  /** Replaces token-bearing query values, transient tokens and every token the stand-in issued. */
  redact(text: string): string {
    let redacted = text
      .replace(/([?&][^=&#]*token[^=&#]*=)[^&#]*/gi, '$1***')
      .replace(/transient-[0-9a-f-]+/gi, '***')
      // Home PINs travel in the switch request's query.
      .replace(/([?&]pin=)[^&#]*/gi, '$1***')
      // JWTs (a device JWT arrives in a query string before the stand-in knows it).
      .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '***');
    for (const token of this.knownTokens()) {
      if (token.length > 0) redacted = redacted.split(token).join('***');
    }
    return redacted;
  }

  private redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.join(', ') : value;
      const lower = name.toLowerCase();
      result[lower] = SECRET_HEADERS.has(lower) ? '***' : this.redact(text);
    }
    return result;
  }
}
