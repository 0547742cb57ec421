// The request half of the conformance check: parameters where the spec puts them (header, query,
// path) with values its schemas accept, no undeclared query parameters, the token where the spec's
// security scheme wants it, and the documented request body.
import { type ConformanceExchange, type Verdict, label, mediaType, schemaFindings } from './exchange';
import { requestValidator } from './schemaValidator';
import type { Schema, SpecOperation } from './specs';

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

export function checkRequest(exchange: ConformanceExchange, operation: SpecOperation, verdict: Verdict): void {
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
  for (const field of undeclaredFields(schema, value)) {
    verdict.findings.push({ key: `${prefix} body /${field} undeclared`, detail: `body field ${field} is not in the spec` });
  }
}

/** Top-level fields of a form or JSON body that the schema (with its allOf/oneOf/anyOf members) does not name. */
function undeclaredFields(schema: Schema, value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const declared = new Set<string>();
  const collect = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const properties = record['properties'];
    if (typeof properties === 'object' && properties !== null) for (const name of Object.keys(properties)) declared.add(name);
    for (const key of ['allOf', 'oneOf', 'anyOf']) if (Array.isArray(record[key])) (record[key] as unknown[]).forEach(collect);
  };
  collect(schema);
  if (declared.size === 0) return [];
  return Object.keys(value).filter((field) => !declared.has(field));
}

