// The two Plex OpenAPI specs, loaded and dereferenced once per process (the first caller pays,
// about half a second; every test file shares the result through globalThis because each file is
// bundled with its own copy of this module), flattened into one table of operations.
import { dereference } from '@readme/openapi-parser';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type SpecVersion = '2024-09' | '2026-02';
export const SPEC_VERSIONS: readonly SpecVersion[] = ['2026-02', '2024-09'];

/** The parts of a dereferenced OpenAPI document the checks read; everything else stays `unknown`. */
export type Schema = Record<string, unknown>;

export interface SpecParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface SpecResponse {
  content?: Record<string, { schema?: Schema }>;
}

export interface SpecOperation {
  spec: SpecVersion;
  method: string;
  /** As the spec writes it, e.g. `/pins/{pinID}`. */
  specPath: string;
  /** The path a request carries, server prefix included, e.g. `/api/v2/pins/{pinID}`. */
  fullPath: string;
  /** plex.tv operations name a plex.tv server; the rest are Plex Media Server operations. */
  host: 'plex.tv' | 'pms';
  parameters: SpecParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses: Record<string, SpecResponse>;
  /** The API-key header or query parameter that carries the token, when the operation needs one. */
  token?: { in: 'header' | 'query'; name: string };
  pattern: RegExp;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function repositoryRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('cannot find the repository root above ' + __dirname);
    folder = parent;
  }
  return folder;
}

export function specFile(version: SpecVersion): string {
  return join(repositoryRoot(), 'test', 'spec', 'openapi', `plex-api-spec-${version}.yaml`);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function serverUrl(servers: unknown): string | undefined {
  const first = record(list(servers)[0]);
  return typeof first['url'] === 'string' ? first['url'] : undefined;
}

function templatePattern(fullPath: string): RegExp {
  const source = fullPath
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

/** The operation's token parameter: its own `security`, else the document's. */
function tokenOf(document: Record<string, unknown>, operation: Record<string, unknown>): SpecOperation['token'] {
  const requirements = list(operation['security'] ?? document['security']);
  const schemes = record(record(document['components'])['securitySchemes']);
  for (const requirement of requirements) {
    for (const name of Object.keys(record(requirement))) {
      const scheme = record(schemes[name]);
      if (scheme['type'] === 'apiKey' && (scheme['in'] === 'header' || scheme['in'] === 'query') && typeof scheme['name'] === 'string') {
        return { in: scheme['in'], name: scheme['name'] };
      }
    }
  }
  return undefined;
}

function operationsOf(spec: SpecVersion, document: Record<string, unknown>): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [specPath, pathValue] of Object.entries(record(document['paths']))) {
    const pathItem = record(pathValue);
    for (const method of HTTP_METHODS) {
      const operation = record(pathItem[method]);
      if (Object.keys(operation).length === 0) continue;
      const server = serverUrl(operation['servers']) ?? serverUrl(pathItem['servers']);
      const plexTv = server !== undefined && new URL(server).hostname === 'plex.tv';
      const prefix = plexTv ? new URL(server).pathname.replace(/\/$/, '') : '';
      const fullPath = `${prefix}${specPath}`;
      const parameters = [...list(pathItem['parameters']), ...list(operation['parameters'])].map((p) => record(p) as unknown as SpecParameter);
      operations.push({
        spec,
        method: method.toUpperCase(),
        specPath,
        fullPath,
        host: plexTv ? 'plex.tv' : 'pms',
        parameters,
        ...(operation['requestBody'] === undefined ? {} : { requestBody: record(operation['requestBody']) as SpecOperation['requestBody'] }),
        responses: record(operation['responses']) as Record<string, SpecResponse>,
        token: tokenOf(document, operation),
        pattern: templatePattern(fullPath),
      });
    }
  }
  return operations;
}

export interface PlexSpecs {
  operations: SpecOperation[];
  loadMs: number;
}

const CACHE = Symbol.for('plex-vscode.spec.loaded');

async function load(): Promise<PlexSpecs> {
  const started = Date.now();
  const operations: SpecOperation[] = [];
  for (const version of SPEC_VERSIONS) {
    const document = await dereference(specFile(version));
    operations.push(...operationsOf(version, record(document)));
  }
  return { operations, loadMs: Date.now() - started };
}

/** Both specs, loaded on the first call of the process. */
export function plexSpecs(): Promise<PlexSpecs> {
  const holder = globalThis as { [CACHE]?: Promise<PlexSpecs> };
  holder[CACHE] ??= load();
  return holder[CACHE];
}

/** Operations of `spec` whose request path matches, for the given host. */
export function operationsOnPath(specs: PlexSpecs, spec: SpecVersion, host: 'plex.tv' | 'pms', pathname: string): SpecOperation[] {
  return specs.operations.filter((operation) => operation.spec === spec && operation.host === host && operation.pattern.test(pathname));
}
