// The Plex build that `npm run bench` installs in place of dist/extension.js (scripts/build.mjs
// --probe writes it to out/probe-dist/): the shipped activate() with a clock around it, so the
// bench can report Plex's own activation cost, from the bundle starting to load to activate()
// resolving, waits excluded. The shipped bundles never contain the clock.
//
// The one wait inside activate() is the secret read's round trip to the workbench: the clock
// stops when the read starts and runs again when it settles. What follows until activate()
// continues is Plex's own code (the session's first update and its listeners) run as
// microtasks, so it is counted and other extensions' code is not.
import { activationClock } from './activationClock';
import type * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../../src/api';
import * as plex from '../../../src/extension';

activationClock.pause();

/** The same storage, with the clock stopped during each read. Each method is forwarded, not
 * inherited: SecretStorage's methods use private fields of the host's own object. */
function timedSecrets(secrets: vscode.SecretStorage): vscode.SecretStorage {
  return {
    get: async (key) => {
      activationClock.pause();
      try {
        return await secrets.get(key);
      } finally {
        activationClock.resume();
      }
    },
    store: (key, value) => secrets.store(key, value),
    delete: (key) => secrets.delete(key),
    onDidChange: secrets.onDidChange,
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<PlexExtensionApi & { activationTimeMs: number }> {
  activationClock.resume();
  const timedContext = Object.create(context, { secrets: { value: timedSecrets(context.secrets) } }) as vscode.ExtensionContext;
  const api = await plex.activate(timedContext);
  return Object.assign(api, { activationTimeMs: activationClock.stop() });
}

export function deactivate(): void {
  plex.deactivate();
}
