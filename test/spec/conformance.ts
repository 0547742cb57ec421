// Checks one HTTP exchange with plex.tv or a Plex Media Server against the specs: the answer
// against the documented response (status, media type, schema), and optionally the request
// against the documented parameters, token placement and request body. Each disagreement is a
// finding with a stable key; `deviations.ts` lists the keys that are known and explained.
import { type ConformanceExchange, type Finding, type Verdict, label, mediaType, schemaFindings } from './exchange';
import { checkRequest } from './requestConformance';
import { answerValidator } from './schemaValidator';
import { type PlexSpecs, type SpecOperation, SPEC_VERSIONS, operationsOnPath } from './specs';
import { isCredentialName, undocumentedRoute, undocumentedRouteFindings } from './undocumentedRoutes';
import { xmlToJsonShape } from './xmlToJson';
import { parseXml } from './xmlTree';

export type { ConformanceExchange, Finding, Verdict };

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

function checkOnHost(specs: PlexSpecs, exchange: ConformanceExchange, checkRequests: boolean): Verdict {
  const verdict: Verdict = { checkedAgainst: [], findings: [] };
  const undocumented = undocumentedRoute(exchange);
  if (undocumented !== undefined) {
    verdict.findings.push(...undocumentedRouteFindings(exchange, undocumented, checkRequests));
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
  checkAnswer(specs, exchange, operation, verdict);
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
export function checkExchange(specs: PlexSpecs, exchange: ConformanceExchange, checkRequests: boolean): Verdict {
  const verdict = checkOnHost(specs, exchange, checkRequests);
  if (exchange.host !== 'clients.plex.tv') return verdict;
  return {
    checkedAgainst: verdict.checkedAgainst.map((operation) => `clients.plex.tv ${operation}`),
    findings: verdict.findings.map((finding) => ({ ...finding, key: `clients.plex.tv ${finding.key}` })),
  };
}
