import * as vscode from 'vscode';
import type { PlexPin, PlexSignIn } from '../../plex/types';
import type { PlexTvClient } from '../gateway/plexClients';
import { readSettings } from '../../config';
import { failureKind, isPlexFailure, plexFailure } from '../../plex/failure';
import type { ConnectionSecurity } from '../gateway/connectionSecurity';
import { delay, withCancellableProgress } from '../../ui/progress';
import type { Ui } from '../../ui/ui';
import type { AwaitedCallback } from './signInCallbacks';
import type { SignInReturn } from './signInReturn';

const POLL_INTERVAL_MS = 2_000;
const MAX_POLL_INTERVAL_MS = 30_000;
const MAX_WAIT_MS = 10 * 60_000;

export interface BrowserSignInOptions {
  plexTv: PlexTvClient;
  authPageUrl: string;
  ui: Ui;
  /** Remembers the approval link so "Copy Link" works while the flow waits. */
  onLink(url: string | undefined): void;
  /** Copies the approval link (the warning's Copy Link). */
  copyLink(): unknown;
  /** How the PIN is made and polled; default the classic PIN. The JWT preview's PIN carries the device key. */
  pins?: PinRequests;
  /** The approval page's redirect back to VS Code (forwardUrl): its callback reads the PIN at once. Without it, the poll alone. */
  returnTo?: SignInReturn;
}

export interface PinRequests {
  create(signal: AbortSignal): Promise<PlexPin>;
  /** The token once approved, else null. */
  check(pin: PlexPin, signal: AbortSignal): Promise<string | null>;
}

function classicPins(plexTv: PlexTvClient): PinRequests {
  return {
    create: (signal) => plexTv.createPin({ signal }),
    check: async (pin, signal) => (await plexTv.checkPin(pin.id, { signal })).authToken,
  };
}

/**
 * The approval page from the user's settings: https, or http only on this computer. It is where
 * the user approves access to their account, so no other scheme (file:, command:, vscode:) is opened.
 */
export function approvalPageUrl(security: ConnectionSecurity): string {
  const { authUrl } = readSettings();
  if (!security.isSecure(authUrl)) {
    throw plexFailure(
      'setting',
      vscode.l10n.t(
        'The setting "plex.authUrl" must be an https:// address (http:// is allowed only for this computer): it is the page where you approve the sign-in to your Plex account.',
      ),
    );
  }
  return authUrl;
}

/**
 * Plex's PIN flow: create a strong PIN, let the user approve it in the browser, and poll until
 * the PIN carries a token. Polling never runs faster than every 2 s and slows down on 429. The
 * approval page sends the browser back to VS Code (forwardUrl); that callback makes the PIN be
 * read at once, and the poll stays for a browser that does not come back (blocked redirect, a phone).
 */
export async function signInWithBrowser(options: BrowserSignInOptions): Promise<PlexSignIn> {
  const { plexTv, ui } = options;
  const pins = options.pins ?? classicPins(plexTv);
  return withCancellableProgress(vscode.l10n.t('Signing in to Plex'), async (signal, progress) => {
    progress.report(vscode.l10n.t('Preparing the sign-in page...'));
    const pin = await pins.create(signal);
    const way = await options.returnTo?.prepare(pin);
    try {
      const url = plexTv.authUrl(pin, options.authPageUrl, way?.forwardUrl);
      options.onLink(url);
      progress.report(vscode.l10n.t('Waiting for you to approve in the browser... [Copy link](command:plex.copySignInLink)'));
      const opened = await ui.openInBrowser(url);
      if (!opened) {
        const copy = vscode.l10n.t('Copy Link');
        void ui.warn(vscode.l10n.t('The browser did not open. Copy the sign-in link and open it yourself.'), copy).then((answer) => {
          if (answer === copy) {
            void options.copyLink();
          }
        });
      }
      const authToken = await waitForApproval(pins, pin, signal, way?.callback);
      progress.report(vscode.l10n.t('Reading your account...'));
      const account = await plexTv.getAccount(authToken, { signal });
      return { authToken, account };
    } finally {
      way?.callback.end();
      options.onLink(undefined);
    }
  });
}

async function waitForApproval(pins: PinRequests, pin: PlexPin, signal: AbortSignal, callback: AwaitedCallback | undefined): Promise<string> {
  const deadline = Date.now() + Math.min(MAX_WAIT_MS, Math.max(pin.expiresIn, 1) * 1000);
  let interval = POLL_INTERVAL_MS;
  // The callback cuts one wait short; if the PIN has no token yet then, the poll goes on as before.
  let early = callback?.arrived;
  for (;;) {
    if (await delayUnless(early, interval, signal)) {
      early = undefined;
    }
    try {
      const authToken = await pins.check(pin, signal);
      if (authToken) {
        return authToken;
      }
      interval = POLL_INTERVAL_MS;
    } catch (error) {
      const kind = failureKind(error);
      if (kind === 'rate-limited') {
        const retryAfterSeconds = isPlexFailure(error) ? (error.retryAfterSeconds ?? 0) : 0;
        interval = Math.min(MAX_POLL_INTERVAL_MS, Math.max(interval * 2, retryAfterSeconds * 1000));
      } else if (kind !== 'network' && kind !== 'timeout' && kind !== 'server-error') {
        throw error;
      }
      // Passing trouble while the user is approving: keep waiting until the deadline.
      if (Date.now() >= deadline) {
        throw error;
      }
    }
    if (Date.now() >= deadline) {
      throw plexFailure('pin-expired', 'The sign-in request expired before it was approved');
    }
  }
}

/** delay(), ended early (true, no error) when `early` settles; the sign-in's own cancel still rejects. */
async function delayUnless(early: Promise<void> | undefined, ms: number, signal: AbortSignal): Promise<boolean> {
  if (early === undefined) {
    await delay(ms, signal);
    return false;
  }
  const wait = new AbortController();
  const stop = (): void => wait.abort();
  signal.addEventListener('abort', stop, { once: true });
  void early.then(stop);
  try {
    await delay(ms, wait.signal);
    return false;
  } catch (error) {
    if (signal.aborted || !wait.signal.aborted) {
      throw error;
    }
    return true;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
