// The Plex build that `npm run bench` installs in place of dist/extension.js (scripts/build.mjs
// --probe writes it to out/probe-dist/): what the shipped activate() runs (the composition on the
// workbench's host port) with a clock around it, so the bench can report Plex's own activation
// cost, from the bundle starting to load to activate() resolving, waits excluded. The shipped
// bundles never contain the clock.
//
// The one wait inside activate() is the secret read's round trip to the workbench: the clock
// stops when the read starts and runs again when it settles. What follows until activate()
// continues is Plex's own code (the session's first update and its listeners) run as
// microtasks, so it is counted and other extensions' code is not.
//
// The composed extension is kept for the bench-only upkeep command (./benchCommands.ts). The
// secret keys read before activate() resolves are reported, so the bench can show which secrets
// activation reads (never the device key).
import { activationClock } from './activationClock';
import type * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../../src/api';
import { composeExtension, type ComposedExtension } from '../../../src/composition';
import { workbenchHost } from '../../../src/workbenchHost';
import { registerBenchCommands } from './benchCommands';

activationClock.pause();

/** The same storage, with the clock stopped during each read. Each method is forwarded, not
 * inherited: SecretStorage's methods use private fields of the host's own object. */
function timedSecrets(secrets: vscode.SecretStorage, keysRead: string[]): vscode.SecretStorage {
  return {
    get: async (key) => {
      keysRead.push(key);
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

export interface ClockedApi extends PlexExtensionApi {
  activationTimeMs: number;
  /** Secret keys read from the bundle loading to activate() resolving, in order. */
  secretKeysRead: string[];
}

let active: ComposedExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ClockedApi> {
  activationClock.resume();
  const keysRead: string[] = [];
  const timedContext = Object.create(context, {
    secrets: { value: timedSecrets(context.secrets, keysRead) },
  }) as vscode.ExtensionContext;
  active = await composeExtension(timedContext, workbenchHost);
  const activationTimeMs = activationClock.stop();
  const secretKeysRead = [...keysRead];
  context.subscriptions.push(registerBenchCommands(active, context.globalState));
  return Object.assign(active.api, { activationTimeMs, secretKeysRead });
}

export function deactivate(): void {
  active?.deactivate();
}
