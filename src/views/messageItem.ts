import * as vscode from 'vscode';

/** A view's one-line message: a load failure (click to try again with `retryCommand`) or a note. */
export function messageItem(text: string, retryCommand?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(retryCommand ? 'warning' : 'info');
  if (retryCommand) {
    item.tooltip = vscode.l10n.t('Click to try again');
    item.command = { command: retryCommand, title: vscode.l10n.t('Retry') };
  }
  return item;
}
