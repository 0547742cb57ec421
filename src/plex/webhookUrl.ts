// What counts as a webhook address: the same rule for the input box (while typing), the service
// calls (before anything is sent) and the test event. No imports: the command code uses it too.

/** The longest address accepted; plex.tv's own limit is not documented. */
export const WEBHOOK_URL_MAX_LENGTH = 2048;

/** Why `value` is not a usable webhook address, or undefined when it is one. */
export type WebhookUrlProblem = 'empty' | 'too-long' | 'not-a-url' | 'not-http' | 'credentials' | 'spaces';

export function webhookUrlProblem(value: string): WebhookUrlProblem | undefined {
  if (value === '') {
    return 'empty';
  }
  if (value.length > WEBHOOK_URL_MAX_LENGTH) {
    return 'too-long';
  }
  if (/\s/.test(value)) {
    return 'spaces';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not-a-url';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'not-http';
  }
  if (url.hostname === '') {
    return 'not-a-url';
  }
  // A user name or password in the address would be sent to every receiver and shown in every list.
  if (url.username !== '' || url.password !== '') {
    return 'credentials';
  }
  return undefined;
}

/** True for an address `webhookUrlProblem` accepts. */
export function isWebhookUrl(value: unknown): value is string {
  return typeof value === 'string' && webhookUrlProblem(value) === undefined;
}
