import type * as vscode from 'vscode';
import type { PlexExtensionApi } from './api';
import { composeExtension, type ComposedExtension } from './composition';
import { workbenchHost } from './workbenchHost';

let active: ComposedExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PlexExtensionApi> {
  active = await composeExtension(context, workbenchHost);
  return active.api;
}

export function deactivate(): void {
  active?.deactivate();
}
