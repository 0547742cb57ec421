// The stand-in's exchanges as the conformance checker reads them, and a recorder for a test run.
import type { StandInExchange } from '../standin/exchangeTap';
import { listenToExchanges } from '../standin/exchangeTap';
import { CLIENTS_PREFIX } from '../standin/jwt/site';
import type { ConformanceExchange } from './conformance';

export function conformanceExchange(exchange: StandInExchange): ConformanceExchange {
  const clients = exchange.serverSpec === undefined && exchange.pathname.startsWith(`${CLIENTS_PREFIX}/`);
  return {
    host: exchange.serverSpec !== undefined ? 'pms' : clients ? 'clients.plex.tv' : 'plex.tv',
    method: exchange.method,
    pathname: clients ? exchange.pathname.slice(CLIENTS_PREFIX.length) : exchange.pathname,
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
