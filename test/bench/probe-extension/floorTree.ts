// The floor for a tree update's latency: a one-row tree that changes its row on a command and
// does nothing else, so what a command-to-tree-updated round trip costs in the workbench alone.
import * as vscode from 'vscode';

export class FloorTree implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private updates = 0;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  getChildren(element?: string): string[] {
    return element === undefined ? [`update ${this.updates}`] : [];
  }

  getTreeItem(label: string): vscode.TreeItem {
    return new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  }

  update(): void {
    this.updates++;
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
