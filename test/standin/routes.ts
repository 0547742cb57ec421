// A tiny route table: method + path pattern (`/api/v2/pins/:id`) to a named route and its handler.
import type { RouteHandler, RouteLookup } from './dispatch';
import type { StandInRoute } from './types';

export interface RouteSpec {
  /** An HTTP method, or '*' for any (2026-02 PMS transient tokens answer every verb). */
  method: string;
  path: string;
  route: StandInRoute;
  handler: RouteHandler;
}

interface CompiledRoute extends RouteSpec {
  pattern: RegExp;
  names: string[];
}

export function routeTable(specs: RouteSpec[]): (method: string, pathname: string) => RouteLookup {
  const compiled: CompiledRoute[] = specs.map((spec) => {
    const names: string[] = [];
    const source = spec.path
      .split('/')
      .map((part) => {
        if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(part.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { ...spec, pattern: new RegExp(`^${source}/?$`), names };
  });
  return (method, pathname) => {
    const onPath = compiled
      .map((route) => ({ route, match: route.pattern.exec(pathname) }))
      .filter((candidate): candidate is { route: CompiledRoute; match: RegExpExecArray } => candidate.match !== null);
    if (onPath.length === 0) return { kind: 'none' };
    const hit = onPath.find(({ route }) => route.method === '*' || route.method === method.toUpperCase());
    if (hit === undefined) {
      return { kind: 'wrong-method', route: onPath[0].route.route, allowed: onPath.map(({ route }) => route.method) };
    }
    const params: Record<string, string> = {};
    hit.route.names.forEach((name, index) => {
      params[name] = safeDecode(hit.match[index + 1]);
    });
    return { kind: 'route', route: hit.route.route, handler: hit.route.handler, params };
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
