// The user settings every harness-started VS Code gets, plus the run's own (extension settings).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * No welcome page, no walkthrough opening by itself on the first activation (a suite that tests it
 * turns it on), no prompts or update checks that would cover the UI or reach the network, and
 * (from VS Code 1.10x) no Chat in a secondary side bar that takes focus and a third of the width.
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
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  // No animations: a walkthrough step focuses itself 250 ms after it expands unless motion is
  // reduced, closing a quick pick its button opened meanwhile (a person reads the step first).
  'workbench.reduceMotion': 'on',
};

/**
 * Machine-scoped settings: code-server's extension host is a remote one, and a remote extension
 * host reads these from the remote's settings (<userDataDir>/Machine/settings.json), never from
 * the user's, while the workbench reads them from the user's. Both get them.
 */
const machineScoped = ['workbench.welcomePage.walkthroughs.openOnInstall'];

function writeSettingsFile(dir: string, settings: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Writes <userDataDir>/User/settings.json, and the machine-scoped ones to <userDataDir>/Machine/settings.json. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): void {
  const all = { ...defaultSettings, ...settings };
  writeSettingsFile(join(userDataDir, 'User'), all);
  writeSettingsFile(join(userDataDir, 'Machine'), Object.fromEntries(Object.entries(all).filter(([key]) => machineScoped.includes(key))));
}

/**
 * For a run that tests the first activation: VS Code's own switch for an extension's walkthrough
 * on install, which the extension follows for its first activation (the harness turns it off).
 */
export const walkthroughOnFirstActivation: Record<string, unknown> = {
  'workbench.welcomePage.walkthroughs.openOnInstall': true,
};
