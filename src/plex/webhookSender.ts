// Posts a test event to a webhook receiver as a Plex Media Server does: multipart/form-data with
// a `payload` part holding the JSON. The receiver is the user's own address, not Plex: no token,
// no X-Plex headers, no redirect followed, and the answer is read (under a cap) only to be timed.
import { randomBytes } from 'node:crypto';
import { PlexCancelledError, PlexResponseError, PlexTimeoutError, type PlexError } from './errors';
import { describeDuration, loadFetch } from './http';
import { networkFailure } from './networkErrors';
import { readCappedBody } from './readBody';
import type { PlexRequestLogEntry } from './types';
import type { WebhookPayload } from './webhookPayload';
import { webhookUrlProblem } from './webhookUrl';

/** A receiver's answer is only timed, never shown: 64 KiB is plenty. */
const RECEIVER_BODY_CAP_BYTES = 64 * 1024;

export interface WebhookDelivery {
  /** The receiver's HTTP status (a redirect is reported, not followed). */
  status: number;
  statusText: string;
  /** From sending to the end of the answer, in ms. */
  durationMs: number;
}

export interface WebhookSenderOptions {
  timeoutMs: number;
  /** One entry per delivery: the receiver's origin only (a webhook path often holds a secret). */
  log?: (entry: PlexRequestLogEntry) => void;
  /** The User-Agent to send, e.g. "Plex for VS Code/1.2.3". */
  userAgent: string;
}

/** A multipart/form-data body with one `payload` part holding the JSON, as a PMS sends it. */
export function multipartPayload(payload: WebhookPayload, boundary = `----PlexWebhook${randomBytes(12).toString('hex')}`): {
  contentType: string;
  body: Buffer;
} {
  const json = JSON.stringify(payload);
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\nContent-Type: application/json\r\n\r\n${json}\r\n--${boundary}--\r\n`,
    'utf8',
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

export class WebhookSender {
  constructor(private readonly options: WebhookSenderOptions) {}

  /** Sends one test event. Network trouble, a timeout or cancellation reject with a PlexError; any HTTP answer resolves. */
  async send(url: string, payload: WebhookPayload, signal?: AbortSignal): Promise<WebhookDelivery> {
    if (webhookUrlProblem(url) !== undefined) {
      throw new TypeError('The webhook address is not usable.');
    }
    const target = new URL(url);
    const host = target.host;
    const fetch = await loadFetch();
    const { contentType, body } = multipartPayload(payload);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const cancel = (): void => controller.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    const started = performance.now();
    let status: number | undefined;
    try {
      const response = await fetch(target.href, {
        method: 'POST',
        headers: { 'Content-Type': contentType, 'User-Agent': this.options.userAgent, Accept: '*/*' },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      status = response.status;
      await readCappedBody(response.body, response.headers.get('content-length'), RECEIVER_BODY_CAP_BYTES, host, () => controller.abort()).catch(
        (error: unknown) => {
          // A large answer is still an answer: its status is what the user asked for.
          if (!(error instanceof PlexResponseError)) throw error;
        },
      );
      const delivery = { status: response.status, statusText: response.statusText, durationMs: performance.now() - started };
      this.emit(target, started, status, undefined);
      return delivery;
    } catch (error) {
      const failure = this.failure(error, signal, timedOut, host);
      this.emit(target, started, status, failure);
      throw failure;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      controller.abort();
    }
  }

  private failure(error: unknown, signal: AbortSignal | undefined, timedOut: boolean, host: string): PlexError {
    if (signal?.aborted) {
      return new PlexCancelledError();
    }
    if (timedOut) {
      return new PlexTimeoutError(`${host} did not answer within ${describeDuration(this.options.timeoutMs)}.`);
    }
    return networkFailure(error, host).error;
  }

  private emit(target: URL, started: number, status: number | undefined, error: PlexError | undefined): void {
    if (this.options.log === undefined) {
      return;
    }
    const entry: PlexRequestLogEntry = { method: 'POST', url: `${target.origin}/***`, attempt: 1, durationMs: performance.now() - started };
    if (status !== undefined) entry.status = status;
    if (error !== undefined) {
      entry.error = error.message;
      entry.kind = error.kind;
    }
    try {
      this.options.log(entry);
    } catch {
      // A failing logger must not fail the delivery.
    }
  }
}
