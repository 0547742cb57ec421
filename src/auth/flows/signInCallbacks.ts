// The browser sign-in's way back: the approval page sends the browser to a URI that reaches this
// extension (forwardUrl), carrying the PIN's id and a random value made for that one sign-in. No
// vscode import: the matching is plain TypeScript, unit-tested under Node.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The path of the callback URI (`<uriScheme>://<publisher>.<name>/signIn?pin=…&state=…`). */
export const SIGN_IN_CALLBACK_PATH = '/signIn';
const PIN_PARAMETER = 'pin';
const STATE_PARAMETER = 'state';
/** 32 random bytes: as hard to guess as a token, and never derived from the PIN or a token. */
const STATE_BYTES = 32;
/** Ended sign-ins remembered, only so the log can say "ended" rather than "unknown". */
const ENDED_REMEMBERED = 16;
/** Longer than any query this extension makes: anything longer is not ours, and is not parsed. */
const MAX_QUERY_LENGTH = 512;

/** Why a callback was ignored; the words the log line uses. */
export type IgnoredCallback = 'not-a-sign-in' | 'malformed' | 'unknown-pin' | 'wrong-state' | 'ended';

export type CallbackOutcome = { readonly kind: 'matched'; readonly pinId: number } | { readonly kind: 'ignored'; readonly reason: IgnoredCallback };

/** One sign-in waiting for its callback. */
export interface AwaitedCallback {
  /** The query the callback URI carries: the PIN's id and this sign-in's random value. */
  readonly query: string;
  /** Settles once a callback with this PIN id and this random value arrived; never rejects. */
  readonly arrived: Promise<void>;
  /** The sign-in ended (however it ended): a later callback for it is ignored. */
  end(): void;
}

interface Waiting {
  readonly state: Buffer;
  readonly arrive: () => void;
}

/**
 * The sign-ins waiting for their callback, by PIN id. A callback is accepted once, only with the
 * random value made for its sign-in, and only while that sign-in runs; it carries no token, so
 * accepting it only makes the sign-in read its PIN at once instead of at the next poll.
 */
export class SignInCallbacks {
  private readonly waiting = new Map<number, Waiting>();
  private readonly ended: number[] = [];

  constructor(private readonly random: (bytes: number) => Buffer = randomBytes) {}

  /** Starts waiting for the callback of the sign-in whose PIN has this id. */
  expect(pinId: number): AwaitedCallback {
    const state = this.random(STATE_BYTES);
    let arrive = (): void => undefined;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    this.waiting.set(pinId, { state, arrive });
    const query = new URLSearchParams({ [PIN_PARAMETER]: String(pinId), [STATE_PARAMETER]: state.toString('base64url') }).toString();
    return { query, arrived, end: () => this.end(pinId, state) };
  }

  /** A callback's path and query (as vscode.Uri gives them): matched to its sign-in, or why not. */
  receive(path: string, query: string): CallbackOutcome {
    if (path !== SIGN_IN_CALLBACK_PATH) {
      return ignored('not-a-sign-in');
    }
    if (query.length > MAX_QUERY_LENGTH) {
      return ignored('malformed');
    }
    const parameters = new URLSearchParams(query);
    const pinText = parameters.get(PIN_PARAMETER) ?? '';
    const stateText = parameters.get(STATE_PARAMETER) ?? '';
    const pinId = /^\d{1,15}$/.test(pinText) ? Number(pinText) : undefined;
    if (pinId === undefined || stateText === '') {
      return ignored('malformed');
    }
    const waiting = this.waiting.get(pinId);
    if (waiting === undefined) {
      return ignored(this.ended.includes(pinId) ? 'ended' : 'unknown-pin');
    }
    const state = Buffer.from(stateText, 'base64url');
    if (state.length !== waiting.state.length || !timingSafeEqual(state, waiting.state)) {
      return ignored('wrong-state');
    }
    // Accepted once: the sign-in reads its PIN now, and a second callback would only read it again.
    this.end(pinId, waiting.state);
    waiting.arrive();
    return { kind: 'matched', pinId };
  }

  private end(pinId: number, state: Buffer): void {
    // Only the sign-in that made this state ends it: ending twice, or after a match, changes nothing.
    if (this.waiting.get(pinId)?.state !== state) {
      return;
    }
    this.waiting.delete(pinId);
    this.ended.push(pinId);
    if (this.ended.length > ENDED_REMEMBERED) {
      this.ended.shift();
    }
  }
}

function ignored(reason: IgnoredCallback): CallbackOutcome {
  return { kind: 'ignored', reason };
}
