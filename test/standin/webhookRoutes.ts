// plex.tv's webhook routes (plex-account-tools-facts.md section 9): GET lists the account's URLs
// as `[{url}]`, POST replaces the whole list with the form's `urls[]` (or none with `urls=`) and
// answers the new list. Where the sources are silent (docs/spec-deviations.md): an account
// without Plex Pass gets 403 with plex.tv's error body and no code, and the POST answers 200.
import type { RequestContext } from './dispatch';
import { authenticate, readForm } from './plexTv';
import { type Reply, plexError, plexErrorWithoutCode } from './reply';
import type { RouteSpec } from './routes';
import { hasWebhooks } from './webhooks';
import type { StandInWorld } from './world';

export const PLEX_PASS_REQUIRED = 'Webhooks require an active Plex Pass subscription';
const MAX_URL_LENGTH = 2048;
const MAX_URLS = 100;

export function webhookRoutes(world: StandInWorld): RouteSpec[] {
  return [
    { method: 'GET', path: '/api/v2/user/webhooks', route: 'webhooks.list', handler: (c) => listWebhooks(world, c) },
    { method: 'POST', path: '/api/v2/user/webhooks', route: 'webhooks.set', handler: (c) => setWebhooks(world, c) },
  ];
}

function body(urls: readonly string[]): Reply {
  return { status: 200, json: urls.map((url) => ({ url })), xmlRoot: 'webhooks' };
}

function listWebhooks(world: StandInWorld, context: RequestContext): Reply {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  if (!hasWebhooks(account)) return plexErrorWithoutCode(403, PLEX_PASS_REQUIRED);
  return body(world.tools.webhooks.list(account));
}

async function setWebhooks(world: StandInWorld, context: RequestContext): Promise<Reply> {
  const account = authenticate(world, context);
  if (!('seed' in account)) return account;
  if (!hasWebhooks(account)) return plexErrorWithoutCode(403, PLEX_PASS_REQUIRED);
  const form = await readForm(context);
  const urls = form.getAll('urls[]');
  if (urls.length === 0 && !form.has('urls')) return plexError(400, 1000, 'urls is required');
  if (urls.length > 0 && form.has('urls')) return plexError(400, 1000, 'send urls[] or an empty urls, not both');
  if (urls.length > MAX_URLS) return plexError(400, 1000, 'too many webhooks');
  for (const url of urls) {
    if (!/^https?:\/\/[^\s]+$/i.test(url) || url.length > MAX_URL_LENGTH) return plexError(400, 1000, 'a webhook URL is not valid');
  }
  return body(world.tools.webhooks.set(account, urls));
}
