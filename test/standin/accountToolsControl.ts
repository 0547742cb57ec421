// The account tools' control routes under /__standin/ (see control.ts), mirroring StandInAccountToolsApi.
import type { StandInWorld } from './world';

type Body = Record<string, unknown>;
export type ControlAnswer = { status: number; json?: unknown };

function text(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new Error(`"${name}" (a string) is required`);
  return value;
}

function optionalText(body: Body, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The answer for an account-tools control route, or undefined when `key` is not one. */
export function accountToolsControl(world: StandInWorld, key: string, body: Body): ControlAnswer | undefined {
  const api = world.tools.api();
  switch (key) {
    case 'POST /home/users':
      return { status: 200, json: api.homeUsers(text(body, 'admin')) };
    case 'POST /home/users/remove':
      api.removeHomeUser(text(body, 'admin'), text(body, 'title'));
      return { status: 204 };
    case 'POST /devices':
      return { status: 200, json: api.devices(text(body, 'username')) };
    case 'GET /device-tokens':
      return { status: 200, json: api.deviceTokens() };
    case 'POST /link-codes': {
      const clientIdentifier = optionalText(body, 'clientIdentifier');
      const product = optionalText(body, 'product');
      return {
        status: 200,
        json: api.createLinkCode({
          ...(clientIdentifier === undefined ? {} : { clientIdentifier }),
          ...(product === undefined ? {} : { product }),
        }),
      };
    }
    case 'POST /link-codes/expire':
      api.expireLinkCode(text(body, 'code'));
      return { status: 204 };
    case 'GET /claim-tokens':
      return { status: 200, json: api.claimTokens() };
    case 'POST /claim-tokens/lifetime':
      api.setClaimTokenLifetime(Number(body.seconds));
      return { status: 204 };
    case 'POST /claim-tokens/expire':
      api.expireClaimTokens();
      return { status: 204 };
    case 'POST /webhooks':
      return { status: 200, json: api.webhooks(text(body, 'username')) };
    case 'POST /webhooks/set': {
      const urls = body.urls;
      if (!Array.isArray(urls) || !urls.every((url): url is string => typeof url === 'string')) throw new Error('"urls" (strings) is required');
      return { status: 200, json: api.setWebhooks(text(body, 'username'), urls) };
    }
  }
  return undefined;
}
