// plex.tv's webhook list (plex-account-tools-facts.md section 9). plex.tv keeps one list per
// account and takes the whole list on each change, so adding and removing read the list right
// before writing it: a URL added meanwhile (another window, the Plex web app) stays.
import { decodeWebhooks } from './decodeWebhooks';
import { isPlexError } from './errors';
import { PlexHttp } from './http';
import { DEFAULT_PLEX_TV_URL, jsonOf } from './plexTvClient';
import type { PlexRequestOptions, PlexTvClientOptions } from './types';
import { PlexPassRequiredError } from './webhookErrors';
import { webhookUrlProblem } from './webhookUrl';

const WEBHOOKS_PATH = '/api/v2/user/webhooks';

/** The list after a change, and whether this call wrote it (false: it already was as asked). */
export interface WebhookChange {
  urls: string[];
  changed: boolean;
}

function checkedUrl(url: string): string {
  const problem = webhookUrlProblem(url);
  if (problem !== undefined) {
    throw new TypeError(`The webhook address is not usable (${problem}).`);
  }
  return url;
}

export class PlexTvWebhooks {
  private readonly http: PlexHttp;

  constructor(options: PlexTvClientOptions) {
    this.http = new PlexHttp({ ...options, baseUrl: options.baseUrl ?? DEFAULT_PLEX_TV_URL });
  }

  /** The account's webhook URLs, in plex.tv's order. PlexPassRequiredError: the account has no Plex Pass. */
  async listWebhooks(token: string, options?: PlexRequestOptions): Promise<string[]> {
    const body = await this.plexPassRequired(() =>
      this.http.request({ method: 'GET', path: WEBHOOKS_PATH, token, expect: 'json', context: 'plex-tv-token', retry: true }, options),
    );
    return decodeWebhooks(jsonOf(body));
  }

  /**
   * Replaces the whole list (`urls[]` per URL, `urls=` for none) and returns the list plex.tv now
   * holds. Not retried. The URLs are sent as given: what plex.tv already holds goes back as it is.
   */
  async setWebhooks(token: string, urls: readonly string[], options?: PlexRequestOptions): Promise<string[]> {
    const form: [string, string][] = urls.length === 0 ? [['urls', '']] : urls.map((url) => ['urls[]', url]);
    const body = await this.plexPassRequired(() =>
      this.http.request({ method: 'POST', path: WEBHOOKS_PATH, form, token, expect: 'json', context: 'plex-tv-token', retry: false }, options),
    );
    return decodeWebhooks(jsonOf(body));
  }

  /** Reads the list, then writes it with `url` at the end (two requests); one request when it is already there. */
  async addWebhook(token: string, url: string, options?: PlexRequestOptions): Promise<WebhookChange> {
    checkedUrl(url);
    const current = await this.listWebhooks(token, options);
    if (current.includes(url)) {
      return { urls: current, changed: false };
    }
    return { urls: await this.setWebhooks(token, [...current, url], options), changed: true };
  }

  /** Reads the list, then writes it without `url` (two requests); one request when it is not there. */
  async removeWebhook(token: string, url: string, options?: PlexRequestOptions): Promise<WebhookChange> {
    const current = await this.listWebhooks(token, options);
    if (!current.includes(url)) {
      return { urls: current, changed: false };
    }
    return { urls: await this.setWebhooks(token, current.filter((kept) => kept !== url), options), changed: true };
  }

  private async plexPassRequired<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isPlexError(error) && error.kind === 'server-error' && error.status === 403) {
        throw new PlexPassRequiredError('Webhooks need an active Plex Pass on the Plex account.', {
          status: 403,
          ...(error.plexCode === undefined ? {} : { plexCode: error.plexCode }),
        });
      }
      throw error;
    }
  }
}
