import * as vscode from 'vscode';
import type { SignInMethod } from '../auth/storedSession';
import type { StatusBarMenuCommandId } from '../commandTable';
import { LINK_CODE_PATTERN, type PlexHomeUser } from '../plex/accountToolsTypes';
import { homeUserIcon } from './homeUserIcon';
import { plainText } from './plainText';
import { vscodeWebhookPrompts, type WebhookPrompts } from './webhookPrompts';

export interface ServerChoice {
  label: string;
  description?: string;
  detail?: string;
}

/** Signing in while signed in: add another account, or sign in again as the active one (replacing its session). */
export type SignInTarget = 'add' | 'again';

/**
 * Every question and message the extension puts to the user, as the host port (src/hostPort.ts)
 * provides it. The workbench's is `vscodeUi`; the integration tests' port answers from a script,
 * because a test inside the extension host cannot type into a quick input.
 */
export interface Ui extends WebhookPrompts {
  pickSignInMethod(): Promise<SignInMethod | undefined>;
  /** Signed in as `username`: 'add' another account, sign in 'again' (replacing this one's session), undefined backs out. */
  offerAddAccount(username: string): Promise<SignInTarget | undefined>;
  /** Which signed-in account to make the active one; `activeKey` is marked. */
  pickAccount<T extends { key: string; username: string; expired: boolean }>(accounts: readonly T[], activeKey: string): Promise<T | undefined>;
  askLogin(): Promise<string | undefined>;
  askPassword(): Promise<string | undefined>;
  askVerificationCode(previousWasWrong: boolean): Promise<string | undefined>;
  askToken(): Promise<string | undefined>;
  pickServer<T extends ServerChoice>(choices: readonly T[]): Promise<T | undefined>;
  confirmSignOut(username: string): Promise<boolean>;
  /** Which Plex Home user to act as; `activeUuid` is marked. */
  pickHomeUser(users: readonly PlexHomeUser[], activeUuid: string): Promise<PlexHomeUser | undefined>;
  /** A Home user's PIN (four digits), in a password box; never kept. */
  askHomePin(userTitle: string, previousWasWrong: boolean): Promise<string | undefined>;
  /** The status-bar menu: which of these commands to run. */
  pickAccountAction<T extends string>(username: string, actions: readonly { id: T; icon: string }[]): Promise<T | undefined>;
  /** A short confirmation in the status bar. */
  flash(message: string): void;
  /**
   * Whether the Plex token may go to `host` over plain http (asked once per server, the answer
   * is remembered by the caller): true send, false do not, undefined the dialog was dismissed.
   */
  confirmInsecureConnection(host: string, serverName: string): Promise<boolean | undefined>;
  /**
   * Modal: may the Plex token go to `host`, the address in "plex.serverUrl" that is none of the
   * servers Plex lists for the account? true send (remembered for the host), false don't, undefined dismissed.
   */
  confirmServerAddress(host: string): Promise<boolean | undefined>;
  openInBrowser(url: string): Promise<boolean>;
  /** Modal: remove this device from the account? Removing this VS Code (`thisDevice`) signs it out, and it says so. */
  confirmRemoveDevice(deviceName: string, thisDevice: boolean): Promise<boolean>;
  /** A claim token is still live: 'fresh' gets a new one, 'same' copies the live one again, undefined does nothing. */
  askFreshClaimToken(secondsLeft: number): Promise<'fresh' | 'same' | undefined>;
  /** The code plex.tv/link shows on the other device; `rejected` is the code plex.tv just turned down, and why. */
  askLinkCode(rejected: { code: string; reason: string } | undefined): Promise<string | undefined>;
  /** Modal warning before copying the account token: 'copy', 'transient' (copy a transient token instead) or undefined. */
  confirmCopyAccountToken(username: string): Promise<'copy' | 'transient' | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
}

export const vscodeUi: Ui = {
  ...vscodeWebhookPrompts,
  async pickSignInMethod() {
    const items: (vscode.QuickPickItem & { choice: SignInMethod })[] = [
      {
        label: vscode.l10n.t('$(globe) Sign in with browser'),
        description: vscode.l10n.t('Recommended'),
        detail: vscode.l10n.t('Approve this device on plex.tv; works with two-factor authentication and single sign-on.'),
        choice: 'browser',
      },
      { label: vscode.l10n.t('$(mail) Sign in with email and password'), choice: 'password' },
      { label: vscode.l10n.t('$(key) Sign in with an existing token'), choice: 'token' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Sign in to Plex'),
      placeHolder: vscode.l10n.t('How do you want to sign in?'),
    });
    return picked?.choice;
  },

  async offerAddAccount(username) {
    const items: (vscode.QuickPickItem & { choice: SignInTarget })[] = [
      {
        label: vscode.l10n.t('$(add) Add another Plex account'),
        detail: vscode.l10n.t('{0} stays signed in; switch between accounts with Plex: Switch Account.', plainText(username)),
        choice: 'add',
      },
      { label: vscode.l10n.t('$(sign-in) Sign in again as {0}', plainText(username)), choice: 'again' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Sign in to Plex'),
      placeHolder: vscode.l10n.t('You are signed in as {0}.', plainText(username)),
    });
    return picked?.choice;
  },

  async pickAccount(accounts, activeKey) {
    const items = accounts.map((account) => ({
      label: `$(account) ${plainText(account.username)}`,
      description: descriptionOf([
        account.key === activeKey ? vscode.l10n.t({ message: 'active', comment: 'The Plex account the extension acts as now.' }) : undefined,
        account.expired ? vscode.l10n.t({ message: 'expired', comment: 'Plex refused this account\'s token: sign in again.' }) : undefined,
      ]),
      account,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Switch Plex Account'),
      placeHolder: vscode.l10n.t('Which account should Plex for VS Code act as?'),
    });
    return picked?.account;
  },

  askLogin() {
    return input({
      title: vscode.l10n.t('Sign in to Plex (1/2)'),
      prompt: vscode.l10n.t('Your Plex email address or username'),
      placeHolder: 'name@example.com',
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter your email address or username.')),
    });
  },

  askPassword() {
    return input({
      title: vscode.l10n.t('Sign in to Plex (2/2)'),
      prompt: vscode.l10n.t('Your Plex password'),
      password: true,
      validateInput: (value) => (value ? undefined : vscode.l10n.t('Enter your password.')),
    });
  },

  askVerificationCode(previousWasWrong) {
    return input({
      title: vscode.l10n.t('Two-factor authentication'),
      prompt: previousWasWrong
        ? vscode.l10n.t('That code was not accepted. Enter the current 6-digit code from your authenticator app.')
        : vscode.l10n.t('Enter the 6-digit code from your authenticator app.'),
      placeHolder: '123456',
      validateInput: (value) => (/^\s*\d{6}\s*$/.test(value) ? undefined : vscode.l10n.t('The code has 6 digits.')),
    });
  },

  askToken() {
    return input({
      title: vscode.l10n.t('Sign in to Plex with a token'),
      prompt: vscode.l10n.t('Paste an existing Plex account token (X-Plex-Token). It is checked with Plex before it is stored.'),
      password: true,
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Paste a token.')),
    });
  },

  async pickServer(choices) {
    return vscode.window.showQuickPick(choices, {
      title: vscode.l10n.t('Select a Plex Media Server'),
      placeHolder: vscode.l10n.t('Which server?'),
    });
  },

  async confirmSignOut(username) {
    const signOut = vscode.l10n.t('Sign Out');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Sign out of Plex as {0}?', plainText(username)),
      { modal: true, detail: vscode.l10n.t('The token is revoked at plex.tv and removed from this computer.') },
      signOut,
    );
    return answer === signOut;
  },

  async pickHomeUser(users, activeUuid) {
    const items = users.map((user) => ({
      label: `$(${homeUserIcon(user)}) ${plainText(user.title)}`,
      description: descriptionOf([
        user.uuid === activeUuid ? vscode.l10n.t({ message: 'active', comment: 'The Plex Home user the extension acts as now.' }) : undefined,
        user.protected ? vscode.l10n.t({ message: 'PIN', comment: 'This Plex Home user is protected by a PIN.' }) : undefined,
      ]),
      user,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Switch Plex Home User'),
      placeHolder: vscode.l10n.t('Act as which user?'),
    });
    return picked?.user;
  },

  askHomePin(userTitle, previousWasWrong) {
    return input({
      title: vscode.l10n.t('PIN for {0}', plainText(userTitle)),
      prompt: previousWasWrong
        ? vscode.l10n.t('That PIN was not accepted. Enter the 4-digit Plex Home PIN of {0}.', plainText(userTitle))
        : vscode.l10n.t('Enter the 4-digit Plex Home PIN of {0}.', plainText(userTitle)),
      password: true,
      validateInput: (value) => (/^\s*\d{4}\s*$/.test(value) ? undefined : vscode.l10n.t('The PIN has 4 digits.')),
    });
  },

  async pickAccountAction(username, actions) {
    const items = actions.map((action) => ({ label: `$(${action.icon}) ${accountActionLabel(action.id)}`, id: action.id }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t({ message: 'Plex: {0}', args: [plainText(username)], comment: 'Title of the account actions menu; {0} is the Plex username.' }),
      placeHolder: vscode.l10n.t('What do you want to do?'),
    });
    return picked?.id;
  },

  flash(message) {
    vscode.window.setStatusBarMessage(message, 2000);
  },

  async confirmInsecureConnection(host, serverName) {
    const send = vscode.l10n.t('Send Unencrypted');
    const dontSend = vscode.l10n.t("Don't Send");
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send your Plex token over an unencrypted connection to {0}?', plainText(host)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'No encrypted (https) connection to {0} answered. Anyone on the network between here and {1} could read the token and use your Plex account. Your answer is remembered for this server.',
          plainText(serverName),
          plainText(host),
        ),
      },
      send,
      dontSend,
    );
    return answer === undefined ? undefined : answer === send;
  },

  async confirmServerAddress(host) {
    const send = vscode.l10n.t('Send Token to This Address');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send your Plex token to {0}?', plainText(host)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'The setting "plex.serverUrl" points at {0}, which is none of the servers Plex lists for your account. Whoever runs it gets your Plex token and with it your Plex account. Your answer is remembered for this address until you clear the setting\'s permissions (Plex: Forget Server Permissions).',
          plainText(host),
        ),
      },
      send,
    );
    return answer === undefined ? undefined : answer === send;
  },

  async openInBrowser(url) {
    const original = vscode.Uri.parse(url, true);
    const external = await vscode.env.asExternalUri(original);
    if (external.scheme === original.scheme && external.authority === original.authority) {
      // Uri.toString() percent-encodes the fragment ("#?clientID=" becomes "#%3FclientID%3D"),
      // which the Plex sign-in page does not read; openExternal keeps a string as it is.
      return vscode.env.openExternal(url as unknown as vscode.Uri);
    }
    return vscode.env.openExternal(external);
  },

  async confirmRemoveDevice(deviceName, thisDevice) {
    const remove = thisDevice ? vscode.l10n.t('Remove and Sign Out') : vscode.l10n.t('Remove Device');
    const answer = await vscode.window.showWarningMessage(
      thisDevice
        ? vscode.l10n.t('Remove this VS Code ({0}) from your Plex account?', deviceName)
        : vscode.l10n.t('Remove {0} from your Plex account?', deviceName),
      {
        modal: true,
        detail: thisDevice
          ? vscode.l10n.t('This is the device you are signed in with: removing it revokes its token and signs you out of Plex here.')
          : vscode.l10n.t('Its access is revoked at plex.tv: it can no longer use your account until it signs in again.'),
      },
      remove,
    );
    return answer === remove;
  },

  async askFreshClaimToken(secondsLeft) {
    const fresh = vscode.l10n.t('Get a New One');
    const same = vscode.l10n.t('Copy It Again');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('The claim token you copied is valid for {0} more seconds. Get a new one?', secondsLeft),
      { modal: true },
      fresh,
      same,
    );
    return answer === fresh ? 'fresh' : answer === same ? 'same' : undefined;
  },

  askLinkCode(rejected) {
    return input({
      title: vscode.l10n.t('Link a Device'),
      prompt: rejected?.reason ?? vscode.l10n.t('The 4-character code the TV or console shows at plex.tv/link'),
      placeHolder: 'A1B2',
      value: rejected?.code ?? '',
      // The rejected code keeps its reason under the box until it is changed.
      validateInput: (value) =>
        rejected && value.trim().toUpperCase() === rejected.code.toUpperCase()
          ? { message: rejected.reason, severity: vscode.InputBoxValidationSeverity.Error }
          : LINK_CODE_PATTERN.test(value.trim())
            ? undefined
            : vscode.l10n.t('The code has 4 letters or digits.'),
    });
  },

  async confirmCopyAccountToken(username) {
    const copy = vscode.l10n.t('Copy Account Token');
    const transient = vscode.l10n.t('Copy Transient Token');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Copy the account token of {0}?', plainText(username)),
      {
        modal: true,
        detail: vscode.l10n.t(
          'The account token gives full access to your Plex account and all its servers until it is revoked. For a script, a transient token is safer: it works on one server and lapses within 48 hours.',
        ),
      },
      copy,
      transient,
    );
    return answer === copy ? 'copy' : answer === transient ? 'transient' : undefined;
  },

  info: (message, ...actions) => Promise.resolve(vscode.window.showInformationMessage(message, ...actions)),
  warn: (message, ...actions) => Promise.resolve(vscode.window.showWarningMessage(message, ...actions)),
  error: (message, ...actions) => Promise.resolve(vscode.window.showErrorMessage(message, ...actions)),
};

function accountActionLabel(id: string): string {
  const labels: Record<StatusBarMenuCommandId, string> = {
    'plex.copyTransientToken': vscode.l10n.t('Copy Transient Token'),
    'plex.refresh': vscode.l10n.t('Refresh'),
    'plex.selectServer': vscode.l10n.t('Select Server'),
    'plex.showAccount': vscode.l10n.t('Show Account'),
    'plex.signOut': vscode.l10n.t('Sign Out'),
    'plex.switchHomeUser': vscode.l10n.t('Switch Home User'),
    'plex.switchAccount': vscode.l10n.t('Switch Account'),
    'plex.addAccount': vscode.l10n.t('Sign In to Another Account'),
  };
  return labels[id as StatusBarMenuCommandId] ?? id;
}

async function input(options: vscode.InputBoxOptions): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  return value?.trim();
}

/** A quick pick item's description: the parts that apply, joined by a middle dot. */
function descriptionOf(parts: readonly (string | undefined)[]): string {
  return parts.filter((part): part is string => Boolean(part)).join(' · ');
}
