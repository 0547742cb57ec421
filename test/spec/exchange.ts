// What the conformance check reads (one HTTP exchange) and reports (findings), and the small
// helpers both of its halves use.
import type { SchemaError } from './schemaValidator';
import type { SpecOperation } from './specs';

export interface ConformanceExchange {
  /** clients.plex.tv: the JWT routes and JWK-carrying PINs (the stand-in serves them under /clients). */
  host: 'plex.tv' | 'clients.plex.tv' | 'pms';
  method: string;
  pathname: string;
  query: [string, string][];
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  requestBody: string;
  status: number;
  contentType: string | undefined;
  body: string;
}

export interface Finding {
  /** Stable: what kind, which operation, where. Never a value from the exchange. */
  key: string;
  detail: string;
}

export interface Verdict {
  /** The operation(s) the exchange was checked against, e.g. `2026-02 GET /api/v2/user 200`. */
  checkedAgainst: string[];
  findings: Finding[];
}

export function label(operation: SpecOperation): string {
  return `${operation.method} ${operation.fullPath}`;
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

export function schemaFindings(prefix: string, errors: SchemaError[]): Finding[] {
  return errors.map((error) => ({ key: `${prefix} ${error.path || '/'} ${error.keyword}`, detail: `${error.path || '/'} ${error.message}` }));
}
