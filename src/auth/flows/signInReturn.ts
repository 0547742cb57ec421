import * as vscode from 'vscode';
import type { PlexPin } from '../../plex/types';
import type { Log } from '../../log';
import { SIGN_IN_CALLBACK_PATH, type AwaitedCallback, type SignInCallbacks } from './signInCallbacks';

/** How a browser sign-in comes back by itself: the approval page's forwardUrl, and its callback. */
export interface SignInReturn {
  /** Starts waiting for this PIN's callback; forwardUrl is undefined when the host cannot make one (the poll still works). */
  prepare(pin: PlexPin): Promise<{ forwardUrl: string | undefined; callback: AwaitedCallback }>;
}

/**
 * The callback URI is `<uriScheme>://<publisher>.<name>/signIn?pin=…&state=…`, made external by
 * the host: desktop VS Code keeps its own scheme (and adds the window's id), VS Code for the web
 * and code-server give an https page of the workbench that hands the URI to the window that asked,
 * and a remote window forwards it. The extension's URI handler receives it.
 */
export function signInReturn(callbacks: SignInCallbacks, extensionId: string, log: Log): SignInReturn {
  return {
    prepare: async (pin) => {
      const callback = callbacks.expect(pin.id);
      const uri = vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: extensionId, path: SIGN_IN_CALLBACK_PATH, query: callback.query });
      try {
        // Unencoded, as the host made it: its query is already encoded once.
        return { forwardUrl: (await vscode.env.asExternalUri(uri)).toString(true), callback };
      } catch {
        // The error may quote the URI, and with it this sign-in's random value: not logged.
        log.warn('Browser sign-in: the host made no address back to VS Code for the approval page; the sign-in waits for the poll.');
        return { forwardUrl: undefined, callback };
      }
    },
  };
}
