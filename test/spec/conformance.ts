// Checks one HTTP exchange with plex.tv or a Plex Media Server against the specs: the answer
// against the documented response (status, media type, schema), and optionally the request
// against the documented parameters, token placement and request body. Each disagreement is a
// finding with a stable key; `deviations.ts` lists the keys that are known and explained.
import { errorSchema, errorShapeFindings } from './errorShape';
import { type ConformanceExchange, type Finding, type Verdict, label, mediaType, schemaFindings } from './exchange';
import { checkRequest } from './requestConformance';
import { answerValidator } from './schemaValidator';
import { type PlexSpecs, type SpecOperation, SPEC_VERSIONS, operationsOnPath } from './specs';
import { isCredentialName, undocumentedRoute, undocumentedRouteFindings } from './undocumentedRoutes';
import { xmlToJsonShape } from './xmlToJson';
import { parseXml } from './xmlTree';

export type { ConformanceExchange, Finding, Verdict };

/**
 * How the answer is held to the specs: `documented` (the normal answer: status, media type,
 * schema), `error-shape` (a deliberate fault's error answer: Plex's error body, errorShape.ts),
 * or `none` (a fault meant to break the answer: only the request is checked).
 */
export type AnswerCheck = 'documented' | 'error-shape' | 'none';

/**
 * The host whose spec operations apply. clients.plex.tv serves plex.tv's PIN routes (with a JWK
 * in the body); the specs document them on plex.tv only, so they are checked against those.
 */
function specHost(exchange: ConformanceExchange): SpecOperation['host'] {
  return exchange.host === 'pms' ? 'pms' : 'plex.tv';
}

function bySpecificity(a: SpecOperation, b: SpecOperation): number {
  return (a.fullPath.match(/\{/g)?.length ?? 0) - (b.fullPath.match(/\{/g)?.length ?? 0);
}

interface Located {
  operation: SpecOperation;
  /** Set when the path is documented but not this method: the path's one operation stands in. */
  undocumentedMethod: boolean;
}

/**
 * The first spec (2026-02, then 2024-09) that documents the path decides: its operation for this
 * method, else the path's only operation there (2026-02 documents only POST /security/token and
 * says the endpoint answers every verb).
 */
function locate(specs: PlexSpecs, exchange: ConformanceExchange): Located | undefined {
  for (const spec of SPEC_VERSIONS) {
    const onPath = operationsOnPath(specs, spec, specHost(exchange), exchange.pathname).sort(bySpecificity);
    const first = onPath[0];
    if (first === undefined) continue;
    const samePath = onPath.filter((operation) => operation.fullPath === first.fullPath);
    const exact = samePath.find((operation) => operation.method === exchange.method);
    if (exact !== undefined) return { operation: exact, undocumentedMethod: false };
    if (samePath.length === 1) return { operation: first, undocumentedMethod: true };
    return undefined;
  }
  return undefined;
}

/**
 * The response documenting `status`: this operation's, else the same path's in the other spec
 * (a 2024-09-style server answers its errors as 2024-09 documents them). Among those, the first
 * whose documented media type fits the answer wins.
 */
function responseFor(
  specs: PlexSpecs,
  exchange: ConformanceExchange,
  located: SpecOperation,
): { operation: SpecOperation; status: string } | undefined {
  const others = SPEC_VERSIONS
    .filter((spec) => spec !== located.spec)
    .flatMap((spec) => operationsOnPath(specs, spec, specHost(exchange), exchange.pathname).sort(bySpecificity))
    .sort((a, b) => Number(b.method === exchange.method) - Number(a.method === exchange.method));
  const status = String(exchange.status);
  const documenting = [located, ...others].filter((operation) => operation.responses[status] !== undefined);
  const fits = documenting.find((operation) => mediaTypeFits(exchange, Object.keys(operation.responses[status]?.content ?? {})));
  const chosen = fits ?? documenting[0];
  return chosen === undefined ? undefined : { operation: chosen, status };
}

/** An XML answer fits where JSON is documented: the specs' `accepts` header offers both. */
function mediaTypeFits(exchange: ConformanceExchange, documented: string[]): boolean {
  const type = mediaType(exchange.contentType);
  if (documented.length === 0) return exchange.body.length === 0;
  return documented.includes(type) || (type === 'application/xml' && documented.includes('application/json'));
}

function checkAnswer(specs: PlexSpecs, exchange: ConformanceExchange, located: SpecOperation, verdict: Verdict): void {
  let documented = responseFor(specs, exchange, located);
  const where = `${located.method} ${located.fullPath}`;
  if (documented === undefined) {
    verdict.findings.push({ key: `status ${where} ${exchange.status}`, detail: `the specs document no ${exchange.status} answer here` });
    // A success status the spec does not document is checked against its one documented success.
    if (exchange.status >= 200 && exchange.status < 300) {
      const successes = Object.keys(located.responses).filter((status) => status.startsWith('2'));
      if (successes.length === 1 && successes[0] !== undefined) documented = { operation: located, status: successes[0] };
    }
    if (documented === undefined) return;
  }
  const { operation, status } = documented;
  verdict.checkedAgainst.push(`${operation.spec} ${label(operation)} ${status}`);
  const content = operation.responses[status]?.content ?? {};
  const documentedTypes = Object.keys(content);
  const prefix = `response ${label(operation)} ${status}`;
  if (documentedTypes.length === 0) {
    if (exchange.body.length > 0) verdict.findings.push({ key: `${prefix} undocumented-body`, detail: 'the spec documents no body for this answer' });
    return;
  }
  const type = mediaType(exchange.contentType);
  if (type === 'application/xml' && content['application/json'] !== undefined && content['application/xml'] === undefined) {
    const schema = content['application/json']?.schema;
    if (schema === undefined) return;
    let shaped: unknown;
    try {
      shaped = xmlToJsonShape(parseXml(exchange.body), schema);
    } catch (error) {
      verdict.findings.push({ key: `${prefix} xml-unreadable`, detail: String(error) });
      return;
    }
    verdict.findings.push(...schemaFindings(`${prefix} (xml)`, answerValidator.errors(schema, shaped)));
    return;
  }
  if (!documentedTypes.includes(type)) {
    verdict.findings.push({ key: `${prefix} media-type ${type || 'none'}`, detail: `answered ${type || 'no media type'}, documented: ${documentedTypes.join(', ')}` });
    return;
  }
  const schema = content[type]?.schema;
  if (schema === undefined || Object.keys(schema).length === 0) return;
  if (type !== 'application/json') return;
  let value: unknown;
  try {
    value = JSON.parse(exchange.body);
  } catch {
    verdict.findings.push({ key: `${prefix} json-unreadable`, detail: 'the body is not JSON' });
    return;
  }
  verdict.findings.push(...schemaFindings(prefix, answerValidator.errors(schema, value)));
}

/** A credential in a URL ends up in proxy and server logs; deviations.ts lists the one exception. */
function credentialsInQuery(exchange: ConformanceExchange, where: string): Finding[] {
  return exchange.query
    .filter(([name]) => isCredentialName(name))
    .map(([name]) => ({ key: `request ${where} query ${name} credential`, detail: `a credential (${name}) was sent in the query string` }));
}

function operationsForErrors(specs: PlexSpecs, exchange: ConformanceExchange, located: SpecOperation | undefined): SpecOperation[] {
  const onPath = SPEC_VERSIONS.flatMap((spec) => operationsOnPath(specs, spec, specHost(exchange), exchange.pathname).sort(bySpecificity));
  return located === undefined ? onPath : [located, ...onPath.filter((operation) => operation !== located)];
}

function checkErrorShape(specs: PlexSpecs, exchange: ConformanceExchange, located: SpecOperation | undefined, where: string, verdict: Verdict): void {
  verdict.checkedAgainst.push(`error shape ${where} ${exchange.status}`);
  const schema = errorSchema(specs, operationsForErrors(specs, exchange, located), exchange.status);
  verdict.findings.push(...errorShapeFindings(exchange, schema, `error ${where} ${exchange.status}`));
}

/**
 * An answer to a path no route serves, or to a method the path does not take (404, 405): a
 * Plex Media Server's error page is HTML (as 2026-02 documents its 404s), plex.tv's is its error
 * body. A service-layer request there is a finding of its own: the client called a route that
 * is not there.
 */
export function checkUnrouted(specs: PlexSpecs, exchange: ConformanceExchange, checkRequests: boolean): Verdict {
  const verdict: Verdict = { checkedAgainst: [], findings: [] };
  const path = exchange.pathname.replace(/\/\d+(?=\/|$)/g, '/{id}');
  const where = `${exchange.host} ${exchange.status}`;
  if (exchange.host === 'pms') {
    verdict.checkedAgainst.push(`unrouted ${where} text/html`);
    const type = mediaType(exchange.contentType);
    if (type !== 'text/html') verdict.findings.push({ key: `unrouted ${where} media-type ${type || 'none'}`, detail: 'a server answers a path or method it does not serve with its HTML error page' });
  } else {
    verdict.checkedAgainst.push(`unrouted ${where} error shape`);
    verdict.findings.push(...errorShapeFindings(exchange, errorSchema(specs, [], exchange.status), `unrouted ${where}`));
  }
  if (checkRequests) {
    verdict.findings.push({ key: `route ${exchange.method} ${path}`, detail: `no route serves ${exchange.method} here (${exchange.status})` });
  }
  return hostScoped(exchange, verdict);
}

function checkOnHost(specs: PlexSpecs, exchange: ConformanceExchange, checkRequests: boolean, answer: AnswerCheck): Verdict {
  const verdict: Verdict = { checkedAgainst: [], findings: [] };
  const undocumented = undocumentedRoute(exchange);
  if (undocumented !== undefined) {
    const where = `${undocumented.method} ${undocumented.path}`;
    const findings = undocumentedRouteFindings(exchange, undocumented, checkRequests);
    // The route's own answer check (readable as its media type) is the documented-answer one.
    verdict.findings.push(...findings.filter((finding) => answer === 'documented' || !finding.key.startsWith('response ')));
    if (answer === 'error-shape') checkErrorShape(specs, exchange, undefined, where, verdict);
    if (checkRequests) verdict.findings.push(...credentialsInQuery(exchange, `${undocumented.method} ${undocumented.path}`));
    return verdict;
  }
  const located = locate(specs, exchange);
  if (located === undefined) {
    const path = exchange.pathname.replace(/\/\d+(?=\/|$)/g, '/{id}');
    verdict.findings.push({ key: `route ${exchange.method} ${path}`, detail: 'neither spec documents this method on this path, nor does undocumentedRoutes.ts list it' });
    if (checkRequests) verdict.findings.push(...credentialsInQuery(exchange, `${exchange.method} ${path}`));
    return verdict;
  }
  const { operation } = located;
  if (located.undocumentedMethod) {
    verdict.findings.push({ key: `method ${exchange.method} ${operation.fullPath}`, detail: `${operation.spec} documents only ${operation.method} here; checked against that` });
  }
  if (answer === 'documented') checkAnswer(specs, exchange, operation, verdict);
  if (answer === 'error-shape') checkErrorShape(specs, exchange, operation, label(operation), verdict);
  if (checkRequests) {
    checkRequest(exchange, operation, verdict);
    verdict.findings.push(...credentialsInQuery(exchange, label(operation)));
  }
  return verdict;
}

/**
 * Checks the answer (and, when `checkRequests`, the request) of one exchange. Keys and operations
 * of a clients.plex.tv exchange start with that host, so its deviations stay apart from plex.tv's.
 */
export function checkExchange(specs: PlexSpecs, exchange: ConformanceExchange, checkRequests: boolean, answer: AnswerCheck = 'documented'): Verdict {
  return hostScoped(exchange, checkOnHost(specs, exchange, checkRequests, answer));
}

function hostScoped(exchange: ConformanceExchange, verdict: Verdict): Verdict {
  if (exchange.host !== 'clients.plex.tv') return verdict;
  return {
    checkedAgainst: verdict.checkedAgainst.map((operation) => `clients.plex.tv ${operation}`),
    findings: verdict.findings.map((finding) => ({ ...finding, key: `clients.plex.tv ${finding.key}` })),
  };
}
