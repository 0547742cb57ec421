// Claim tokens (`claim-...`): short-lived, 4 minutes by default as on plex.tv; tests can shorten
// the lifetime or expire them all at once instead of waiting.
import type { AccountRecord } from './accounts';
import type { StandInClaimTokenInfo } from './accountToolsTypes';
import { randomString } from './tokens';

const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

interface ClaimRecord {
  token: string;
  username: string;
  expiresAt: number;
}

export const DEFAULT_CLAIM_SECONDS = 240;

export class ClaimBook {
  private readonly claims: ClaimRecord[] = [];
  private lifetimeMs = DEFAULT_CLAIM_SECONDS * 1000;

  issue(account: AccountRecord, now = Date.now()): string {
    const token = `claim-${randomString(20, LOWER_ALPHANUMERIC)}`;
    this.claims.push({ token, username: account.seed.username, expiresAt: now + this.lifetimeMs });
    return token;
  }

  /** No claim tokens, and the default lifetime. */
  reset(): void {
    this.claims.length = 0;
    this.lifetimeMs = DEFAULT_CLAIM_SECONDS * 1000;
  }

  setLifetime(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('the claim token lifetime must be a positive number of seconds');
    this.lifetimeMs = seconds * 1000;
  }

  expireAll(now = Date.now()): void {
    for (const claim of this.claims) claim.expiresAt = Math.min(claim.expiresAt, now);
  }

  list(now = Date.now()): StandInClaimTokenInfo[] {
    return this.claims.map((claim) => ({ ...claim, expired: claim.expiresAt <= now }));
  }
}
