// Bench-only commands of the clocked build (never shipped). Token upkeep and JWT renewal run on
// a timer (a minute after start-up, then hourly; src/auth/tokenUse.ts), too slow for a bench
// window to wait out. The clocked build composes the extension itself (./extension.ts), so the
// command runs the very look the timer runs: `services.keepTokenAlive()` of the command code.
import * as vscode from 'vscode';
import { setLastTokenUse } from '../../../src/auth/tokenUse';
import type { ComposedExtension } from '../../../src/composition';

/** Run by the probe's "Plex Bench: Token Upkeep Look" commands (probe-extension/). */
export const upkeepLookCommand = 'plexBench.plexUpkeepLook';

export interface UpkeepLookArgs {
  /** When set, plex.tv last saw the token used this long ago (the shared globalState mark). */
  lastTokenUseAgeMs?: number;
}

export function registerBenchCommands(composed: ComposedExtension, globalState: vscode.Memento): vscode.Disposable {
  return vscode.commands.registerCommand(upkeepLookCommand, async (args?: UpkeepLookArgs): Promise<string> => {
    if (args?.lastTokenUseAgeMs !== undefined) {
      await setLastTokenUse(globalState, Date.now() - args.lastTokenUseAgeMs);
    }
    return composed.commands().services.keepTokenAlive();
  });
}
