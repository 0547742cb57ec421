// Routes the extension uses that neither Plex spec documents, each with its source in
// /work/shared/reference (plex-auth-facts.md, plex-account-tools-facts.md). A match is still a
// finding (`route ...`, listed in deviations.ts), and the request is held to what the sources say:
// the token in the X-Plex-Token header or not at all, only the listed query parameters, only the
// listed body fields; the answer must be readable as the media type it declares. A path or method
// not in this table stays an unlisted finding.
import { type ConformanceExchange, type Finding, mediaType } from './exchange';
import { parseXml } from './xmlTree';

export type PlexHost = ConformanceExchange['host'];

export interface UndocumentedRoute {
  host: PlexHost;
  method: string;
  /** Path template; `{name}` is one path segment, or the part of one before a literal suffix. */
  path: string;
  /** Whether the route takes an account token (always in the X-Plex-Token header). */
  token: boolean;
  /** Query parameters the sources send. */
  query: string[];
  /** Request body: its media type and field names, when the sources send one. */
  body?: { type: 'application/json' | 'application/x-www-form-urlencoded'; fields: string[]; optionalFields?: string[] };
  /** Where the route is described. */
  source: string;
}

export const UNDOCUMENTED_ROUTES: UndocumentedRoute[] = [
  { host: 'plex.tv', method: 'GET', path: '/api/v2/ping', token: true, query: [], source: 'account-tools facts 1 [py PING]' },
  { host: 'plex.tv', method: 'DELETE', path: '/api/v2/users/signout', token: true, query: [], source: 'auth facts (sign-out)' },
  { host: 'plex.tv', method: 'GET', path: '/api/v2/home/users', token: true, query: [], source: 'account-tools facts 2 [kit HomeUsers.swift], [dart]' },
  { host: 'plex.tv', method: 'POST', path: '/api/v2/home/users/{uuid}/switch', token: true, query: ['pin'], source: 'account-tools facts 2 [rs home.rs, url.rs], [kit SwitchUser.swift]' },
  { host: 'plex.tv', method: 'GET', path: '/devices.xml', token: true, query: [], source: 'account-tools facts 4 [py MyPlexDevice], [ts], [rs url.rs]' },
  { host: 'plex.tv', method: 'DELETE', path: '/devices/{id}.xml', token: true, query: [], source: 'account-tools facts 4 [py MyPlexDevice.delete], [ts]' },
  { host: 'plex.tv', method: 'GET', path: '/api/claim/token.json', token: true, query: [], source: 'account-tools facts 3 [py claimToken], [ts], [rs claim_token.rs]' },
  {
    host: 'plex.tv',
    method: 'PUT',
    path: '/api/v2/pins/link',
    token: true,
    query: [],
    body: { type: 'application/x-www-form-urlencoded', fields: ['code'] },
    source: 'account-tools facts 5 [py link], [ts linkPin], [rs pin.rs]',
  },
  { host: 'plex.tv', method: 'GET', path: '/api/v2/user/webhooks', token: true, query: [], source: 'account-tools facts 9 [py webhooks]' },
  {
    host: 'plex.tv',
    method: 'POST',
    path: '/api/v2/user/webhooks',
    token: true,
    query: [],
    // `urls[]` once per URL; an empty list is `urls=` alone.
    body: { type: 'application/x-www-form-urlencoded', fields: [], optionalFields: ['urls[]', 'urls'] },
    source: 'account-tools facts 9 [py setWebhooks]',
  },
  {
    host: 'clients.plex.tv',
    method: 'POST',
    path: '/api/v2/auth/jwk',
    token: true,
    query: [],
    body: { type: 'application/json', fields: ['jwk'] },
    source: 'account-tools facts 6 [spec description.md], [py registerDevice], [ts]',
  },
  { host: 'clients.plex.tv', method: 'GET', path: '/api/v2/auth/nonce', token: false, query: [], source: 'account-tools facts 6 [spec description.md]' },
  {
    host: 'clients.plex.tv',
    method: 'POST',
    path: '/api/v2/auth/token',
    token: false,
    query: [],
    body: { type: 'application/json', fields: ['jwt'] },
    source: 'account-tools facts 6 [spec description.md], [py _exchangePlexJWT], [ts]',
  },
  { host: 'clients.plex.tv', method: 'GET', path: '/api/v2/auth/keys', token: false, query: [], source: 'account-tools facts 6 [py decodePlexJWT], [ts]' },
];

function templatePattern(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

export function undocumentedRoute(exchange: ConformanceExchange): UndocumentedRoute | undefined {
  return UNDOCUMENTED_ROUTES.find(
    (route) => route.host === exchange.host && route.method === exchange.method && templatePattern(route.path).test(exchange.pathname),
  );
}

/** Query parameter names that carry a credential; none belongs in a URL (deviations.ts lists the one exception). */
export function isCredentialName(name: string): boolean {
  return /token|jwt|password|secret|key/i.test(name);
}

function headerValue(exchange: ConformanceExchange, name: string): string | undefined {
  const value = exchange.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bodyFields(exchange: ConformanceExchange, type: string): string[] | undefined {
  if (type === 'application/x-www-form-urlencoded') return [...new URLSearchParams(exchange.requestBody).keys()];
  try {
    const value: unknown = JSON.parse(exchange.requestBody);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : undefined;
  } catch {
    return undefined;
  }
}

function requestFindings(exchange: ConformanceExchange, route: UndocumentedRoute, prefix: string): Finding[] {
  const findings: Finding[] = [];
  const sentToken = headerValue(exchange, 'x-plex-token') !== undefined;
  if (route.token && !sentToken) findings.push({ key: `${prefix} token not-in-header`, detail: 'the route takes the account token in X-Plex-Token' });
  if (!route.token && sentToken) findings.push({ key: `${prefix} token unneeded`, detail: 'a token was sent to a route that takes none' });
  if (headerValue(exchange, 'x-plex-client-identifier') === undefined) {
    findings.push({ key: `${prefix} header X-Plex-Client-Identifier missing`, detail: 'plex.tv identifies the client by this header' });
  }
  for (const [name] of exchange.query) {
    if (!route.query.includes(name)) findings.push({ key: `${prefix} query ${name} undeclared`, detail: `query parameter ${name} is not one the sources send` });
  }
  const type = mediaType(headerValue(exchange, 'content-type'));
  if (route.body === undefined) {
    if (exchange.requestBody.length > 0) findings.push({ key: `${prefix} body undocumented`, detail: 'a body was sent; the sources send none' });
  } else if (exchange.requestBody.length === 0) {
    // An answer given before the body was read (a refused token) records no body; the headers still tell.
    const carriedBody = Number(headerValue(exchange, 'content-length') ?? '0') > 0 || headerValue(exchange, 'transfer-encoding') !== undefined;
    if (!carriedBody) findings.push({ key: `${prefix} body missing`, detail: `the sources send ${route.body.type}` });
  } else if (type !== route.body.type) {
    findings.push({ key: `${prefix} body media-type ${type || 'none'}`, detail: `sent ${type}, the sources send ${route.body.type}` });
  } else {
    const fields = bodyFields(exchange, type);
    if (fields === undefined) findings.push({ key: `${prefix} body unreadable`, detail: `the body is not ${type}` });
    for (const field of fields ?? []) {
      if (!route.body.fields.includes(field) && !(route.body.optionalFields ?? []).includes(field)) findings.push({ key: `${prefix} body /${field} undeclared`, detail: `body field ${field} is not one the sources send` });
    }
    for (const field of route.body.fields) {
      if (fields !== undefined && !fields.includes(field)) findings.push({ key: `${prefix} body /${field} missing`, detail: `body field ${field} was not sent` });
    }
  }
  return findings;
}

function answerFindings(exchange: ConformanceExchange, prefix: string): Finding[] {
  const type = mediaType(exchange.contentType);
  if (exchange.body.length === 0) return [];
  try {
    if (type === 'application/json') JSON.parse(exchange.body);
    else if (type === 'application/xml' || type === 'text/xml') parseXml(exchange.body);
    else return [{ key: `${prefix} media-type ${type || 'none'}`, detail: `answered ${type || 'no media type'}; plex.tv answers JSON or XML` }];
  } catch (error) {
    return [{ key: `${prefix} unreadable`, detail: `the body is not ${type}: ${String(error)}` }];
  }
  return [];
}

/** Everything checkable about an exchange on a route the specs do not document. */
export function undocumentedRouteFindings(exchange: ConformanceExchange, route: UndocumentedRoute, checkRequests: boolean): Finding[] {
  const label = `${route.method} ${route.path}`;
  return [
    { key: `route ${label}`, detail: `neither spec documents this route; source: ${route.source}` },
    ...answerFindings(exchange, `response ${label} ${exchange.status}`),
    ...(checkRequests ? requestFindings(exchange, route, `request ${label}`) : []),
  ];
}
