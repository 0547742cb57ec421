// The user settings every harness-started VS Code gets, plus the run's own (extension settings).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * No welcome page, no walkthrough opening by itself on the first activation (a suite that tests it
 * turns it on), no prompts or update checks that would cover the UI or reach the network.
 */
const defaultSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

/** Writes <userDataDir>/User/settings.json. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): void {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...defaultSettings, ...settings }, null, 2));
}

/**
 * For a run that tests the first activation: VS Code's own switch for an extension's walkthrough
 * on install, which the extension follows for its first activation (the harness turns it off).
 */
export const walkthroughOnFirstActivation: Record<string, unknown> = {
  'workbench.welcomePage.walkthroughs.openOnInstall': true,
};
