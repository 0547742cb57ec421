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
    // The avatar (account.thumb) is not used: loading it would be a request to a third-party
    // host every time the view renders, and it fails offline.
    item.iconPath = new vscode.ThemeIcon(field.label === vscode.l10n.t('Username') ? 'account' : 'symbol-field');
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
