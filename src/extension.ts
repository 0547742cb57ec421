import type * as vscode from 'vscode';
import type { PlexExtensionApi } from './api';
import { composeExtension, type ComposedExtension } from './composition';
import { workbenchHost } from './workbenchHost';

let active: ComposedExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PlexExtensionApi> {
  active = await composeExtension(context, workbenchHost);
  return active.api;
}

/** VS Code awaits this (at most 5 s on reload or quit): see ComposedExtension.deactivate. */
export function deactivate(): Promise<void> {
  return active?.deactivate() ?? Promise.resolve();
}
