// The stand-in's exchanges as the conformance checker reads them, and a recorder for a test run.
import type { StandInExchange } from '../standin/exchangeTap';
import { listenToExchanges } from '../standin/exchangeTap';
import type { ConformanceExchange } from './conformance';

export function conformanceExchange(exchange: StandInExchange): ConformanceExchange {
  return {
    host: exchange.serverSpec === undefined ? 'plex.tv' : 'pms',
    method: exchange.method,
    pathname: exchange.pathname,
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
