// plex.tv's webhook lists (plex-account-tools-facts.md section 9): one list per account, replaced
// whole by each POST. Only an account with an active Plex Pass has one; the others are refused.
import type { AccountRecord } from './accounts';

export class WebhookBook {
  private readonly lists = new Map<AccountRecord, string[]>();

  reset(): void {
    this.lists.clear();
  }

  list(account: AccountRecord): string[] {
    return [...(this.lists.get(account) ?? [])];
  }

  /** Replaces the list, keeping the first of repeated URLs, as the answer then shows it. */
  set(account: AccountRecord, urls: readonly string[]): string[] {
    const kept = [...new Set(urls)];
    this.lists.set(account, kept);
    return [...kept];
  }
}

/** Webhooks are a Plex Pass feature of the account itself. */
export function hasWebhooks(account: AccountRecord): boolean {
  return account.seed.plexPass === true;
}
