// The one failure model of every bundle. dist/extension.js, dist/commands.js and dist/plex.js
// each hold their own copy of this module, so a failure is recognised by a brand registered with
// Symbol.for (one symbol per process, whichever bundle asks), never by class identity or name.
import { PLEX_ERROR_KINDS, type PlexErrorKind } from './types';

/**
 * Failures of the extension's own; their message says what the user can do and is shown as it is.
 * 'not-allowed': the gateway refused to send a token there (an unlisted server, a shared server
 * without its own token, an argument that names nothing plex.tv listed).
 */
export const EXTENSION_FAILURE_KINDS = ['setting', 'secret-storage', 'insecure-declined', 'not-allowed'] as const;

export type FailureKind = PlexErrorKind | (typeof EXTENSION_FAILURE_KINDS)[number];

export interface FailureDetails {
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** Plex error code from an `{"errors":[{code}]}` body, when there was one. */
  plexCode?: number;
  /** From the Retry-After header, when the server sent one. */
  retryAfterSeconds?: number;
  /** The offending field path of an answer that could not be decoded, e.g. `user.id`. */
  field?: string;
  /** The server a declined insecure connection was for. */
  serverKey?: string;
}

const BRAND = Symbol.for('plex-vscode.failure');
const KINDS: ReadonlySet<string> = new Set<string>([...PLEX_ERROR_KINDS, ...EXTENSION_FAILURE_KINDS]);

/** Messages are plain English for people; they never carry a token or a raw response body. */
export class PlexFailure extends Error {
  readonly [BRAND] = true;
  readonly status?: number;
  readonly plexCode?: number;
  readonly retryAfterSeconds?: number;
  readonly field?: string;
  readonly serverKey?: string;

  constructor(
    readonly kind: FailureKind,
    message: string,
    details: FailureDetails = {},
  ) {
    super(message);
    this.status = details.status;
    this.plexCode = details.plexCode;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.field = details.field;
    this.serverKey = details.serverKey;
  }
}

export function plexFailure(kind: FailureKind, message: string, details?: FailureDetails): PlexFailure {
  return new PlexFailure(kind, message, details);
}

/** True for a failure made by any bundle's copy of this module. */
export function isPlexFailure(value: unknown): value is PlexFailure {
  if (typeof value !== 'object' || value === null || (value as { [BRAND]?: unknown })[BRAND] !== true) {
    return false;
  }
  const { kind, message } = value as { kind?: unknown; message?: unknown };
  return typeof kind === 'string' && KINDS.has(kind) && typeof message === 'string';
}

/** The kind of a failure, or undefined for anything else (a bug, not a failure). */
export function failureKind(value: unknown): FailureKind | undefined {
  return isPlexFailure(value) ? value.kind : undefined;
}
