import * as vscode from 'vscode';
import { plainText } from './plainText';

export type SignInChoice = 'browser' | 'password' | 'token';

export interface ServerChoice {
  label: string;
  description?: string;
  detail?: string;
}

/**
 * Every question and message the extension puts to the user. The real one is `vscodeUi`;
 * integration tests swap in a scripted one (through the extension's test API) because a test
 * inside the extension host cannot type into a quick input.
 */
export interface Ui {
  pickSignInMethod(): Promise<SignInChoice | undefined>;
  askLogin(): Promise<string | undefined>;
  askPassword(): Promise<string | undefined>;
  askVerificationCode(previousWasWrong: boolean): Promise<string | undefined>;
  askToken(): Promise<string | undefined>;
  pickServer<T extends ServerChoice>(choices: readonly T[]): Promise<T | undefined>;
  confirmSignOut(username: string): Promise<boolean>;
  /**
   * Whether the Plex token may go to `host` over plain http (asked once per server, the answer
   * is remembered by the caller): true send, false do not, undefined the dialog was dismissed.
   */
  confirmInsecureConnection(host: string, serverName: string): Promise<boolean | undefined>;
  openInBrowser(url: string): Promise<boolean>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
}

export const vscodeUi: Ui = {
  async pickSignInMethod() {
    const items: (vscode.QuickPickItem & { choice: SignInChoice })[] = [
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

  info: (message, ...actions) => Promise.resolve(vscode.window.showInformationMessage(message, ...actions)),
  warn: (message, ...actions) => Promise.resolve(vscode.window.showWarningMessage(message, ...actions)),
  error: (message, ...actions) => Promise.resolve(vscode.window.showErrorMessage(message, ...actions)),
};

async function input(options: vscode.InputBoxOptions): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  return value?.trim();
}
