// Every exchange the stand-in completes, handed to whoever listens (the spec scenarios count what
// they checked; each stand-in's own spec monitor sees its exchanges through its world).
// Listeners live on globalThis, not in a module variable, because each test file is bundled
// with its own copy of the stand-in and one listener must hear all of them.
import type { IncomingHttpHeaders } from 'node:http';
import type { StandInFault, StandInRoute } from './types';

export interface StandInExchange {
  /** 'plex.tv' or the PMS client identifier. */
  site: string;
  /** For a PMS: the spec version it follows. Absent for plex.tv. */
  serverSpec?: '2024-09' | '2026-02';
  /** 'unknown' when no route serves the path (the answer is the site's 404). */
  route: StandInRoute | 'unknown';
  /** Set when the path is served but not with this method (the answer is the site's 405). */
  wrongMethod?: boolean;
  method: string;
  pathname: string;
  query: [string, string][];
  /** Lower-case names. Values stay in memory: listeners must never print them. */
  headers: IncomingHttpHeaders;
  /** The request body as the route read it ('' when it read none). */
  requestBody: string;
  status: number;
  contentType: string | undefined;
  body: string;
  /** A fault rule shaped this answer: a deliberate misbehaviour, not the stand-in's normal answer. */
  faulted: boolean;
  /** The fault's kind, when one shaped the answer. */
  fault?: StandInFault['kind'];
}

export type ExchangeListener = (exchange: StandInExchange) => void;

const LISTENERS = Symbol.for('plex-vscode.standin.exchangeListeners');

function listeners(): Set<ExchangeListener> {
  const holder = globalThis as { [LISTENERS]?: Set<ExchangeListener> };
  holder[LISTENERS] ??= new Set();
  return holder[LISTENERS];
}

/** Starts listening; call the returned function to stop. */
export function listenToExchanges(listener: ExchangeListener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

export function publishExchange(exchange: StandInExchange): void {
  for (const listener of listeners()) listener(exchange);
}

export function hasExchangeListeners(): boolean {
  return listeners().size > 0;
}
