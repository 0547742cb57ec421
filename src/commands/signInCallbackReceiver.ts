import type { SignInCallbacks } from '../auth/flows/signInCallbacks';
import type { Log } from '../log';

/**
 * The URI handler's receiver for browser sign-in callbacks. Any web page or extension can open a
 * URI to this extension, so a callback only wakes the sign-in it names, with that sign-in's random
 * value, while it runs; anything else is one log line and no request. The log shows the path only:
 * the query carries the sign-in's random value.
 */
export function signInCallbackReceiver(callbacks: SignInCallbacks, log: Log): (uri: { readonly path: string; readonly query: string }) => void {
  return (uri) => {
    const outcome = callbacks.receive(uri.path, uri.query);
    if (outcome.kind === 'matched') {
      log.info(`Browser sign-in: back from the approval page (${callbackPath(uri.path)}); reading the PIN now.`);
    } else {
      log.warn(`Ignored a URI sent to this extension (${callbackPath(uri.path)}): ${IGNORED[outcome.reason]}.`);
    }
  };
}

const IGNORED = {
  'not-a-sign-in': 'the extension handles no such path',
  malformed: 'not a sign-in callback this extension made',
  'unknown-pin': 'no browser sign-in is waiting for that PIN',
  'wrong-state': "the random value does not match the sign-in's",
  ended: 'that sign-in has ended',
} as const;

/** The path, short and plain (letters, digits, `/._-`): whatever else a sender put there is not written. */
export function callbackPath(path: string): string {
  const plain = path.slice(0, 40).replace(/[^\w/.-]/g, '_');
  return path.length > 40 ? `${plain}…` : plain;
}
