// Asks one address of a Plex Media Server who answers there (GET /identity, no token), and says
// how it went in a form a report per connection can show: the time it took, or why it failed.
import type { PlexMediaServerClient } from './mediaServerClient';
import type { NetworkReason } from './errors';
import { failureKind, isPlexFailure } from './failure';

/** Why an address gave no usable answer. */
export type ConnectionProblem =
  | Exclude<NetworkReason, 'other'>
  | 'network'
  | 'timeout'
  | 'http-error'
  | 'bad-answer'
  /** The address answered, as a server with another machineIdentifier than the one asked for. */
  | 'other-server'
  | 'cancelled';

export type IdentityProbe =
  | { readonly uri: string; readonly ok: true; readonly latencyMs: number; readonly version?: string }
  | {
      readonly uri: string;
      readonly ok: false;
      readonly latencyMs: number;
      readonly problem: ConnectionProblem;
      /** The failure in plain words (no token: none was sent). */
      readonly message: string;
      /** For 'other-server': who answered. */
      readonly answeredAs?: string;
      /** The failure itself, to report as any other when no address answered. */
      readonly failure?: unknown;
    };

export interface IdentityProbeOptions {
  /** The server plex.tv lists at this address: another machineIdentifier is 'other-server'. */
  readonly machineIdentifier: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Never rejects: every outcome, a bug aside, is a result. */
export async function probeIdentity(uri: string, client: PlexMediaServerClient, options: IdentityProbeOptions): Promise<IdentityProbe> {
  const started = performance.now();
  const latency = (): number => Math.round(performance.now() - started);
  try {
    const identity = await client.getIdentity({ timeoutMs: options.timeoutMs, signal: options.signal });
    if (identity.machineIdentifier !== options.machineIdentifier) {
      return {
        uri,
        ok: false,
        latencyMs: latency(),
        problem: 'other-server',
        message: 'Another server answered at this address.',
        answeredAs: identity.machineIdentifier,
      };
    }
    return identity.version === undefined ? { uri, ok: true, latencyMs: latency() } : { uri, ok: true, latencyMs: latency(), version: identity.version };
  } catch (error) {
    if (!isPlexFailure(error)) {
      throw error;
    }
    return { uri, ok: false, latencyMs: latency(), problem: problemOf(error), message: error.message, failure: error };
  }
}

function problemOf(error: unknown): ConnectionProblem {
  const kind = failureKind(error);
  switch (kind) {
    case 'network': {
      const reason = (error as { reason?: unknown }).reason;
      return typeof reason === 'string' && reason !== 'other' && NETWORK_REASONS.has(reason) ? (reason as ConnectionProblem) : 'network';
    }
    case 'timeout':
    case 'cancelled':
      return kind;
    case 'bad-response':
      return 'bad-answer';
    default:
      return 'http-error';
  }
}

const NETWORK_REASONS: ReadonlySet<string> = new Set(['refused', 'dns', 'tls', 'closed', 'unreachable', 'invalid-http']);
