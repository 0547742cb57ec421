// The control API under <plexTvUrl>/__standin/: the StandIn operations over HTTP, for tests that
// run in another process (the VS Code extension host). Not logged, never faulted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountToolsControl } from './accountToolsControl';
import { jwtControlRoute } from './jwt/control';
import type { StandInFaultRule } from './types';
import type { StandInWorld } from './world';

export const CONTROL_PREFIX = '/__standin/';

type Body = Record<string, unknown>;
type ControlAnswer = { status: number; json?: unknown };

export function handleControl(world: StandInWorld, req: IncomingMessage, res: ServerResponse): void {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://stand-in.invalid').pathname.slice(CONTROL_PREFIX.length - 1);
  readJson(req)
    .then((body) => route(world, method, path, body))
    .catch((error: unknown) => ({ status: 400, json: { error: error instanceof Error ? error.message : String(error) } }))
    .then((answer: ControlAnswer) => {
      const text = answer.json === undefined ? '' : JSON.stringify(answer.json);
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    })
    .catch(() => res.destroy());
}

function route(world: StandInWorld, method: string, path: string, body: Body): ControlAnswer {
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /state':
      return ok(world.state());
    case 'GET /log':
      return ok(world.log.list());
    case 'DELETE /log':
      world.log.clear();
      return { status: 204 };
    case 'GET /faults':
      return ok(world.faults.list());
    case 'POST /faults':
      world.faults.add(faultRule(body));
      return { status: 204 };
    case 'DELETE /faults':
      world.faults.clear();
      return { status: 204 };
    case 'POST /tokens':
      return ok({ token: world.issueToken(text(body, 'username')) });
    case 'POST /tokens/revoke':
      world.revokeToken(text(body, 'token'));
      return { status: 204 };
    case 'POST /pins/approve': {
      const pin =
        body.pinId !== undefined ? world.pins.byId(Number(body.pinId)) : world.pins.byCode(text(body, 'code'));
      if (pin === undefined) return { status: 404, json: { error: 'no such live PIN' } };
      world.approvePin(pin, world.requireAccount(text(body, 'username')).seed.username);
      return { status: 204 };
    }
    case 'POST /pins/auto-approve':
      world.setPinAutoApproval(Number(body.afterPolls), typeof body.username === 'string' ? body.username : '');
      return { status: 204 };
    case 'POST /reset':
      world.reset();
      return { status: 204 };
    case 'GET /violations':
      return ok(world.violations());
    case 'DELETE /violations':
      world.clearViolations();
      return { status: 204 };
    case 'GET /issued-tokens':
      return ok(world.issuedTokens());
  }
  const tools = accountToolsControl(world, key, body);
  if (tools !== undefined) return tools;
  const jwtAnswer = jwtControlRoute(world, key, body);
  if (jwtAnswer !== undefined) return jwtAnswer;
  const delay = /^POST \/servers\/([^/]+)\/connections\/(\d+)\/delay$/.exec(key);
  if (delay !== null) {
    world.setConnectionDelay(decodeURIComponent(delay[1]), Number(delay[2]), Number(body.delayMs));
    return { status: 204 };
  }
  const restart = /^POST \/servers\/([^/]+)\/restart$/.exec(key);
  if (restart !== null) {
    world.restartServer(decodeURIComponent(restart[1]));
    return { status: 204 };
  }
  return { status: 404, json: { error: `no control route ${key}` } };
}

function ok(json: unknown): ControlAnswer {
  return { status: 200, json };
}

function text(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new Error(`"${name}" (a string) is required`);
  return value;
}

function faultRule(body: Body): StandInFaultRule {
  const fault = body.fault;
  if (typeof body.route !== 'string' || typeof fault !== 'object' || fault === null || !('kind' in fault)) {
    throw new Error('a fault rule needs "route" and "fault": {"kind": ...}');
  }
  // FaultBook.add validates the kind and count; the shape is the caller's (typed client's) job.
  return body as unknown as StandInFaultRule;
}

function readJson(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      if (raw.trim() === '') {
        resolve({});
        return;
      }
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('body must be a JSON object');
        resolve(parsed as Body);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}
