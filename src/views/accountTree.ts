import * as vscode from 'vscode';
import type { AuthState } from '../auth/authState';
import { accountFields, type AccountField } from './accountFields';

/** The signed-in account as a flat list; signed out or expired, the welcome view shows instead. */
export class AccountTreeProvider implements vscode.TreeDataProvider<AccountField>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly state: AuthState) {
    this.subscription = state.onDidChange(() => this.changeEmitter.fire());
  }

  getChildren(element?: AccountField): AccountField[] {
    const session = this.state.session;
    if (element || !session || this.state.status !== 'signedIn') {
      return [];
    }
    return accountFields(session.account);
  }

  getTreeItem(field: AccountField): vscode.TreeItem {
    const item = new vscode.TreeItem(field.label, vscode.TreeItemCollapsibleState.None);
    item.description = field.value;
    item.tooltip = `${field.label}: ${field.value}`;
    item.contextValue = 'plex.accountField';
    const isUsername = field.label === vscode.l10n.t('Username');
    const thumb = this.state.session?.account.thumb;
    item.iconPath =
      isUsername && thumb?.startsWith('https://')
        ? vscode.Uri.parse(thumb, true)
        : new vscode.ThemeIcon(isUsername ? 'account' : 'symbol-field');
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
