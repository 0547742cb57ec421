import * as vscode from 'vscode';
import type { AuthStatus, SessionView } from '../auth/sessionView';
import { activeIdentity, type StoredSession } from '../auth/storedSession';
import type { PlexAccount } from '../plex/types';
import { accountFields, type AccountField } from './accountFields';

/** The signed-in account as a flat list; signed out or expired, the welcome view shows instead. */
export class AccountTreeProvider implements vscode.TreeDataProvider<AccountField>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly state: SessionView) {
    // Only when what the view shows changed, not when a sign-in starts or ends: VS Code debounces
    // tree changes (200 ms after the last one), so the extra signing-in events delayed the
    // account's appearance after a sign-in by 200 ms (npm run bench, docs/performance.md).
    let shown = this.shownState();
    this.subscription = state.onDidChange(() => {
      const now = this.shownState();
      if (now.status !== shown.status || now.account !== shown.account || now.jwtExpiresAt !== shown.jwtExpiresAt) {
        shown = now;
        this.changeEmitter.fire();
      }
    });
  }

  private shownState(): { status: AuthStatus; account: PlexAccount | undefined; jwtExpiresAt: number | undefined } {
    const stored = this.state.stored;
    return { status: this.state.status, account: stored && activeIdentity(stored).account, jwtExpiresAt: stored && jwtExpiry(stored) };
  }

  getChildren(element?: AccountField): AccountField[] {
    const session = this.state.stored;
    if (element || !session || this.state.status !== 'signedIn') {
      return [];
    }
    return accountFields(activeIdentity(session).account, { memberSince: true, token: { jwtExpiresAt: jwtExpiry(session) } });
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

/** The session's JWT expiry while the extension acts with it; a Home user acts with a token of its own. */
function jwtExpiry(session: StoredSession): number | undefined {
  return session.homeUser ? undefined : session.jwt?.expiresAt;
}
