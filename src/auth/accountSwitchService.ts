import * as vscode from 'vscode';
import { describeFailure } from '../ui/errorMessages';
import { plainText } from '../ui/plainText';
import type { Ui } from '../ui/ui';
import type { Session } from './session';
import { accountKey } from './storedSession';

/** Which signed-in account the extension acts as. Switching reads and sends nothing: one secret write. */
export class AccountSwitchService {
  constructor(
    private readonly session: Session,
    private readonly ui: () => Ui,
  ) {}

  /** Makes the account with this key the active one; without a key, asks which. Resolves whether it switched (or already was active). */
  async switchTo(key: string | undefined): Promise<boolean> {
    const ui = this.ui();
    const active = this.session.stored;
    if (!active) {
      void ui.info(vscode.l10n.t('You are not signed in to Plex.'));
      return false;
    }
    const activeKey = accountKey(active);
    const accounts = [
      { key: activeKey, username: active.account.username, expired: this.session.status === 'expired' },
      ...this.session.otherAccounts.map((other) => ({ key: accountKey(other.session), username: other.session.account.username, expired: other.expired })),
    ];
    let chosen = key;
    if (chosen === undefined) {
      if (accounts.length < 2) {
        void ui.info(vscode.l10n.t('Only {0} is signed in to Plex. Add another account with Plex: Sign In to Another Account.', plainText(active.account.username)));
        return false;
      }
      chosen = (await ui.pickAccount(accounts, activeKey))?.key;
      if (chosen === undefined) {
        return false;
      }
    }
    if (chosen === activeKey) {
      return true;
    }
    const target = accounts.find((account) => account.key === chosen);
    if (!target) {
      void ui.error(vscode.l10n.t('That Plex account is not signed in here, so nothing was switched.'));
      return false;
    }
    try {
      if (!(await this.session.switchTo(target.key))) {
        return false; // signed out of meanwhile
      }
    } catch (error) {
      void ui.error(describeFailure(error, 'Plex'));
      return false;
    }
    ui.flash(vscode.l10n.t({ message: '$(account) Plex: {0}', args: [plainText(target.username)], comment: 'Shown briefly in the status bar after switching accounts. $(account) is an icon: keep it.' }));
    return true;
  }
}
