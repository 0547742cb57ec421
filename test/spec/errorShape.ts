// The shape of Plex's error answers, from the specs: `{"errors": [{code, message, status}]}` in
// JSON, or `<errors><error code= message= status=/></errors>` in XML (plex.tv's v1 routes also
// answer `<errors><error>message</error></errors>`, with no status: account-tools facts 8). A deliberate fault that
// answers an error status (429, 5xx, 401, 404...) must still send this shape, since a client reads
// the reason from it; the schema is the route's own error response where the specs document one,
// else plex.tv's (2026-02 `GET /api/v2/user` 401). On top of the schema (which requires nothing)
// an error answer must carry at least one error, each with a message and the answer's status.
import { type ConformanceExchange, type Finding, mediaType, schemaFindings } from './exchange';
import { answerValidator } from './schemaValidator';
import type { PlexSpecs, Schema, SpecOperation } from './specs';
import { parseXml } from './xmlTree';

function jsonSchemaOf(operation: SpecOperation, status: string): Schema | undefined {
  return operation.responses[status]?.content?.['application/json']?.schema;
}

/** A documented error schema for `status` on these operations, else any of their 4xx ones, else plex.tv's. */
export function errorSchema(specs: PlexSpecs, operations: SpecOperation[], status: number): Schema | undefined {
  for (const operation of operations) {
    const schema = jsonSchemaOf(operation, String(status));
    if (schema !== undefined) return schema;
  }
  for (const operation of operations) {
    for (const documented of Object.keys(operation.responses).filter((code) => code.startsWith('4'))) {
      const schema = jsonSchemaOf(operation, documented);
      if (schema !== undefined) return schema;
    }
  }
  const plexTv = specs.operations.find((operation) => operation.spec === '2026-02' && operation.method === 'GET' && operation.fullPath === '/api/v2/user');
  return plexTv === undefined ? undefined : jsonSchemaOf(plexTv, '401');
}

/** The texts of `<error>…</error>` elements: plex.tv's v1 routes put the message there, with no attributes. */
function errorTexts(body: string): string[] {
  const texts: string[] = [];
  for (let start = body.indexOf('<error>'); start >= 0; start = body.indexOf('<error>', start + 1)) {
    const end = body.indexOf('</error>', start);
    if (end < 0) break;
    texts.push(body.slice(start + '<error>'.length, end).trim());
  }
  return texts;
}

/** Marks an error read from plex.tv's v1 text form, which carries no status of its own. */
const V1_TEXT_FORM = 'v1 text form';

function xmlErrors(body: string): unknown {
  const root = parseXml(body);
  if (root.name !== 'errors') return { [root.name]: null };
  if (root.children.length > 0 && root.children.every((child) => child.attributes.size === 0)) {
    return { errors: errorTexts(body).map((message) => ({ message, [V1_TEXT_FORM]: true })) };
  }
  return {
    errors: root.children.map((child) =>
      Object.fromEntries(
        [...child.attributes].map(([name, value]) => [name, name === 'message' || !/^-?\d+$/.test(value) ? value : Number(value)]),
      ),
    ),
  };
}

export function errorShapeFindings(exchange: ConformanceExchange, schema: Schema | undefined, prefix: string): Finding[] {
  const type = mediaType(exchange.contentType);
  let value: unknown;
  try {
    if (type === 'application/json') value = JSON.parse(exchange.body);
    else if (type === 'application/xml' || type === 'text/xml') value = xmlErrors(exchange.body);
    else return [{ key: `${prefix} media-type ${type || 'none'}`, detail: `an error answered as ${type || 'no media type'}; Plex's error body is JSON or XML` }];
  } catch (error) {
    return [{ key: `${prefix} unreadable`, detail: `the error body is not ${type}: ${String(error)}` }];
  }
  const findings = schema === undefined ? [] : schemaFindings(prefix, answerValidator.errors(schema, value));
  const errors = typeof value === 'object' && value !== null ? (value as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors) || errors.length === 0) {
    findings.push({ key: `${prefix} /errors missing`, detail: 'an error answer carries at least one error' });
    return findings;
  }
  for (const item of errors as unknown[]) {
    const entry = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    if (typeof entry['message'] !== 'string' || entry['message'] === '') {
      findings.push({ key: `${prefix} /errors/*/message missing`, detail: 'each error says what went wrong' });
    }
    if (entry[V1_TEXT_FORM] !== true && entry['status'] !== exchange.status) {
      findings.push({ key: `${prefix} /errors/*/status mismatch`, detail: `an error's status is ${String(entry['status'])}, the answer's ${exchange.status}` });
    }
  }
  return [...new Map(findings.map((finding) => [finding.key, finding])).values()];
}
