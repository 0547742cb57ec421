// Describes transport failures (node-fetch FetchError, Node system errors) in plain words. The
// original messages are not reused: they include the full request URL.
import { PlexNetworkError, type NetworkReason } from './errors';

function errorCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current !== null && typeof current === 'object' && depth < 4; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && code !== '') {
      return code;
    }
    current = cause;
  }
  return '';
}

const REASONS: readonly [RegExp, string, NetworkReason][] = [
  [/^ECONNREFUSED$/, 'the connection was refused', 'refused'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME)$/, 'the host name could not be resolved', 'dns'],
  [/^(ECONNRESET|EPIPE|ECONNABORTED|ERR_STREAM_PREMATURE_CLOSE|UND_ERR_SOCKET)$/, 'the connection was closed unexpectedly', 'closed'],
  [/^(ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)$/, 'the host could not be reached', 'unreachable'],
  [/^HPE_/, 'the answer was not valid HTTP', 'invalid-http'],
];

/** Certificate problems do not go away on their own, so they are not retried. */
function isCertificateCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO/.test(code);
}

export interface NetworkFailure {
  error: PlexNetworkError;
  retryable: boolean;
}

export function networkFailure(error: unknown, host: string): NetworkFailure {
  const code = errorCode(error);
  if (isCertificateCode(code)) {
    const failure = new PlexNetworkError(`Could not connect securely to ${host}: its TLS certificate was not accepted.`);
    failure.reason = 'tls';
    return { error: failure, retryable: false };
  }
  const [, words, reason] = REASONS.find(([pattern]) => pattern.test(code)) ?? [undefined, 'the connection failed', 'other' as const];
  const failure = new PlexNetworkError(`Could not reach ${host}: ${words}.`);
  failure.reason = reason;
  return { error: failure, retryable: true };
}
