// Backoff arithmetic and the cancellable wait between retries.
import { PlexCancelledError } from './errors';
import type { PlexRetryOptions } from './types';

export type RetryPolicy = Required<PlexRetryOptions>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function retryPolicy(options: PlexRetryOptions = {}): RetryPolicy {
  return {
    maxRetries: Math.floor(nonNegative(options.maxRetries, DEFAULT_RETRY_POLICY.maxRetries)),
    baseDelayMs: nonNegative(options.baseDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs),
    maxDelayMs: nonNegative(options.maxDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs),
    maxRetryAfterMs: nonNegative(options.maxRetryAfterMs, DEFAULT_RETRY_POLICY.maxRetryAfterMs),
  };
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so clients that
 * failed together do not retry together. `retry` counts from 1.
 */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return exponential / 2 + random() * (exponential / 2);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  // HTTP dates (all three historic forms) start with the day name; Date.parse alone accepts "-5".
  const date = /^[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new PlexCancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new PlexCancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
