// Bench-only commands of the clocked build (never shipped). Token upkeep and JWT renewal run on
// a timer (a minute after start-up, then hourly; src/auth/tokenUse.ts), too slow for a bench
// window to wait out. This build hands activate() a context in ExtensionMode.Test, so the API
// carries the extension's internals (src/internals.ts, the integration tests' entry) and the
// command runs the very look the timer runs: `services.keepTokenAlive()` of the command code.
import * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../../src/api';
import { setLastTokenUse } from '../../../src/auth/tokenUse';
import { INTERNALS_KEY, type ExtensionInternals } from '../../../src/internals';

/** Run by the probe's "Plex Bench: Token Upkeep Look" commands (probe-extension/). */
export const upkeepLookCommand = 'plexBench.plexUpkeepLook';

export interface UpkeepLookArgs {
  /** When set, plex.tv last saw the token used this long ago (the shared globalState mark). */
  lastTokenUseAgeMs?: number;
}

export function registerBenchCommands(api: PlexExtensionApi): vscode.Disposable {
  const internals = (api as unknown as Record<symbol, ExtensionInternals | undefined>)[INTERNALS_KEY];
  if (internals === undefined) {
    throw new Error('the clocked build expects the internals of ExtensionMode.Test');
  }
  return vscode.commands.registerCommand(upkeepLookCommand, async (args?: UpkeepLookArgs): Promise<string> => {
    if (args?.lastTokenUseAgeMs !== undefined) {
      await setLastTokenUse(internals.globalState, Date.now() - args.lastTokenUseAgeMs);
    }
    return internals.commands().services.keepTokenAlive();
  });
}
