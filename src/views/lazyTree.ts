import * as vscode from 'vscode';

/** A view's content, made by the command code (dist/commands.js). */
export interface TreeSource<T> {
  getChildren(node?: T): T[] | Promise<T[]>;
  getTreeItem(node: T): vscode.TreeItem;
}

/**
 * A view as activation registers it: it loads nothing, neither code nor data, until VS Code first
 * asks for the view's content (the view is shown); from then on the source answers and repaints.
 */
export class LazyTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<void>();
  private source: TreeSource<T> | undefined;

  readonly onDidChangeTreeData = this.changes.event;

  constructor(private readonly load: (repaint: () => void) => TreeSource<T>) {}

  getChildren(node?: T): T[] | Promise<T[]> {
    return this.loaded().getChildren(node);
  }

  getTreeItem(node: T): vscode.TreeItem {
    return this.loaded().getTreeItem(node);
  }

  dispose(): void {
    this.changes.dispose();
  }

  private loaded(): TreeSource<T> {
    return (this.source ??= this.load(() => this.changes.fire()));
  }
}
