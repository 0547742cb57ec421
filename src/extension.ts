import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Wiring lands with the extension issue; activation stays free of network and heavy requires.
}

export function deactivate(): void {
  // Nothing to release yet.
}
