// The stand-in's exchanges as the conformance checker reads them, and a recorder for a test run.
import type { StandInExchange } from '../standin/exchangeTap';
import { listenToExchanges } from '../standin/exchangeTap';
import { CLIENTS_PREFIX, CLIENTS_SITE_NAME } from '../standin/jwt/site';
import { type AnswerCheck, type ConformanceExchange, type Finding, checkExchange, checkUnrouted } from './conformance';
import { deviationFor } from './deviations';
import type { PlexSpecs } from './specs';

export function conformanceExchange(exchange: StandInExchange): ConformanceExchange {
  const ownHost = exchange.site === CLIENTS_SITE_NAME;
  const underPrefix = !ownHost && exchange.serverSpec === undefined && exchange.pathname.startsWith(`${CLIENTS_PREFIX}/`);
  return {
    host: exchange.serverSpec !== undefined ? 'pms' : ownHost || underPrefix ? 'clients.plex.tv' : 'plex.tv',
    method: exchange.method,
    pathname: underPrefix ? exchange.pathname.slice(CLIENTS_PREFIX.length) : exchange.pathname,
    query: exchange.query,
    headers: exchange.headers,
    requestBody: exchange.requestBody,
    status: exchange.status,
    contentType: exchange.contentType,
    body: exchange.body,
  };
}

/** The service layer is the only code that uses node-fetch, whose default User-Agent this is. */
export function sentByServiceLayer(exchange: StandInExchange): boolean {
  return exchange.headers['user-agent'] === 'node-fetch';
}

export interface ExchangeRecorder {
  readonly exchanges: StandInExchange[];
  stop(): void;
}

/** Records every exchange of every stand-in in this process until stopped. */
export function recordExchanges(): ExchangeRecorder {
  const exchanges: StandInExchange[] = [];
  const stop = listenToExchanges((exchange) => exchanges.push(exchange));
  return { exchanges, stop };
}

/** Faults meant to break the answer (the client's handling of a broken answer is what they test). */
const ANSWER_BREAKING_FAULTS: ReadonlySet<string> = new Set([
  'malformed-json', 'html-error', 'oversized', 'deep-json', 'invalid-utf8', 'missing-field', 'wrong-type', 'set-field', 'redirect',
]);

/** How a served answer is held to the specs: see AnswerCheck. */
export function answerCheckFor(exchange: StandInExchange): AnswerCheck {
  if (exchange.fault === undefined) return 'documented';
  if (ANSWER_BREAKING_FAULTS.has(exchange.fault)) return 'none';
  if (exchange.status >= 400) return 'error-shape';
  // A fault that keeps the normal answer (slow, trickle, cut mid-body, XML) keeps its shape too.
  return exchange.fault === 'status' ? 'none' : 'documented';
}

/**
 * Everything wrong with one exchange as the stand-in served it: its answer (the normal one against
 * the specs, a fault's error answer against Plex's error shape, a 404/405 against the site's error
 * form) and, for the service layer's requests, the request. Findings deviations.ts lists are left out.
 */
export function unlistedFindings(specs: PlexSpecs, exchange: StandInExchange): Finding[] {
  const checked = conformanceExchange(exchange);
  const verdict =
    exchange.route === 'unknown' || exchange.wrongMethod === true
      ? checkUnrouted(specs, checked, sentByServiceLayer(exchange))
      : checkExchange(specs, checked, sentByServiceLayer(exchange), answerCheckFor(exchange));
  return verdict.findings.filter((finding) => deviationFor(finding.key) === undefined);
}
