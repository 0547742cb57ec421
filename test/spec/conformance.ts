// Checks one HTTP exchange with plex.tv or a Plex Media Server against the specs: the answer
// against the documented response (status, media type, schema), and optionally the request
// against the documented parameters, token placement and request body. Each disagreement is a
// finding with a stable key; `deviations.ts` lists the keys that are known and explained.
import { answerValidator, requestValidator, type SchemaError } from './schemaValidator';
import { type PlexSpecs, type Schema, type SpecOperation, type SpecVersion, SPEC_VERSIONS, operationsOnPath } from './specs';
import { xmlToJsonShape } from './xmlToJson';
import { parseXml } from './xmlTree';

export interface ConformanceExchange {
  host: 'plex.tv' | 'pms';
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

/** plex.tv routes are checked against 2026-02 first and 2024-09 where 2026-02 lacks them. */
function specOrder(): readonly SpecVersion[] {
  return SPEC_VERSIONS;
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
  for (const spec of specOrder()) {
    const onPath = operationsOnPath(specs, spec, exchange.host, exchange.pathname).sort(bySpecificity);
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

function label(operation: SpecOperation): string {
  return `${operation.method} ${operation.fullPath}`;
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
  const others = specOrder()
    .filter((spec) => spec !== located.spec)
    .flatMap((spec) => operationsOnPath(specs, spec, exchange.host, exchange.pathname).sort(bySpecificity))
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

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

function schemaFindings(prefix: string, errors: SchemaError[]): Finding[] {
  return errors.map((error) => ({ key: `${prefix} ${error.path || '/'} ${error.keyword}`, detail: `${error.path || '/'} ${error.message}` }));
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

function headerValue(exchange: ConformanceExchange, name: string): string | undefined {
  const value = exchange.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function queryValue(exchange: ConformanceExchange, name: string): string | undefined {
  return exchange.query.find(([key]) => key === name)?.[1];
}

function pathValues(operation: SpecOperation, pathname: string): Map<string, string> {
  const names = [...operation.fullPath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
  const pattern = new RegExp(`^${operation.fullPath.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([^/]+)')}/?$`);
  const match = pattern.exec(pathname);
  return new Map(names.map((name, index) => [name, decodeURIComponent(match?.[index + 1] ?? '')]));
}

function checkRequest(exchange: ConformanceExchange, operation: SpecOperation, verdict: Verdict): void {
  const prefix = `request ${label(operation)}`;
  const paths = pathValues(operation, exchange.pathname);
  const declaredQuery = new Set<string>();
  for (const parameter of operation.parameters) {
    if (parameter.in === 'query') declaredQuery.add(parameter.name);
    const value =
      parameter.in === 'header' ? headerValue(exchange, parameter.name)
      : parameter.in === 'query' ? queryValue(exchange, parameter.name)
      : parameter.in === 'path' ? paths.get(parameter.name)
      : undefined;
    const where = `${parameter.in} ${parameter.name}`;
    if (value === undefined) {
      if (parameter.required === true) verdict.findings.push({ key: `${prefix} ${where} missing`, detail: `required ${where} was not sent there` });
      continue;
    }
    if (parameter.schema !== undefined) {
      for (const error of requestValidator.errors(parameter.schema, value)) {
        verdict.findings.push({ key: `${prefix} ${where} ${error.keyword}`, detail: `${where}: ${error.message}` });
      }
    }
  }
  for (const [name] of exchange.query) {
    if (!declaredQuery.has(name)) verdict.findings.push({ key: `${prefix} query ${name} undeclared`, detail: `query parameter ${name} is not in the spec` });
  }
  if (operation.token !== undefined) {
    const sent = operation.token.in === 'header' ? headerValue(exchange, operation.token.name) : queryValue(exchange, operation.token.name);
    if (sent === undefined) verdict.findings.push({ key: `${prefix} token not-in-${operation.token.in}`, detail: `the spec wants the token in the ${operation.token.in} (${operation.token.name})` });
  }
  checkRequestBody(exchange, operation, prefix, verdict);
}

function checkRequestBody(exchange: ConformanceExchange, operation: SpecOperation, prefix: string, verdict: Verdict): void {
  const documented = operation.requestBody?.content;
  if (documented === undefined) {
    if (exchange.requestBody.length > 0) verdict.findings.push({ key: `${prefix} body undocumented`, detail: 'a body was sent; the spec documents none' });
    return;
  }
  if (exchange.requestBody.length === 0) {
    if (operation.requestBody?.required === true) verdict.findings.push({ key: `${prefix} body missing`, detail: 'the spec requires a body' });
    return;
  }
  const type = mediaType(headerValue(exchange, 'content-type'));
  const schema = documented[type]?.schema;
  if (documented[type] === undefined) {
    verdict.findings.push({ key: `${prefix} body media-type ${type || 'none'}`, detail: `sent ${type}, documented: ${Object.keys(documented).join(', ')}` });
    return;
  }
  if (schema === undefined) return;
  const value: unknown =
    type === 'application/x-www-form-urlencoded' ? Object.fromEntries(new URLSearchParams(exchange.requestBody)) : JSON.parse(exchange.requestBody);
  verdict.findings.push(...schemaFindings(`${prefix} body`, requestValidator.errors(schema as Schema, value)));
}

/** Checks the answer (and, when `checkRequests`, the request) of one exchange. */
export function checkExchange(specs: PlexSpecs, exchange: ConformanceExchange, checkRequests: boolean): Verdict {
  const verdict: Verdict = { checkedAgainst: [], findings: [] };
  const located = locate(specs, exchange);
  if (located === undefined) {
    verdict.findings.push({ key: `route ${exchange.method} ${exchange.pathname.replace(/\/\d+(?=\/|$)/g, '/{id}')}`, detail: 'in neither spec' });
    return verdict;
  }
  const { operation } = located;
  if (located.undocumentedMethod) {
    verdict.findings.push({ key: `method ${exchange.method} ${operation.fullPath}`, detail: `${operation.spec} documents only ${operation.method} here; checked against that` });
  }
  checkAnswer(specs, exchange, operation, verdict);
  if (checkRequests) checkRequest(exchange, operation, verdict);
  return verdict;
}
