import type { SignInMethod } from '../../src/auth/storedSession';
import type { ServerChoice, SignInTarget, Ui } from '../../src/ui/ui';

export interface ShownMessage {
  severity: 'info' | 'warn' | 'error';
  message: string;
  actions: string[];
}

/**
 * A Ui that answers from a script and records every message, because a test inside the
 * extension host cannot type into VS Code's quick inputs. Unscripted questions fail the test.
 */
export class ScriptedUi implements Ui {
  readonly messages: ShownMessage[] = [];
  readonly openedUrls: string[] = [];
  readonly questions: string[] = [];
  signInMethod: SignInMethod | undefined = undefined;
  logins: (string | undefined)[] = [];
  passwords: (string | undefined)[] = [];
  codes: (string | undefined)[] = [];
  tokens: (string | undefined)[] = [];
  /** Picks the server with this label; undefined backs out. */
  serverToPick: string | undefined = undefined;
  /** A promise keeps the confirmation open until it settles. */
  confirmSignOutAnswer: boolean | Promise<boolean> = true;
  browserOpens = true;
  /** Answers to give to messages, by the action label to "click" when offered. */
  messageAnswers: string[] = [];
  wrongCodeFlags: boolean[] = [];
  /** Answers to "send the token unencrypted?": true send, false don't, undefined dismiss. */
  insecureAnswers: (boolean | undefined)[] = [];

  async pickSignInMethod(): Promise<SignInMethod | undefined> {
    this.questions.push('method');
    return this.signInMethod;
  }

  /** While signed in, Plex: Sign In's question: add another account, or sign in again (as before accounts existed). */
  addAccountAnswer: SignInTarget | undefined = 'again';

  async offerAddAccount(username: string): Promise<SignInTarget | undefined> {
    this.questions.push(`addAccount:${username}`);
    return this.addAccountAnswer;
  }

  /** The account (by username) Switch Account picks; undefined backs out. */
  accountToPick: string | undefined = undefined;

  async pickAccount<T extends { key: string; username: string; expired: boolean }>(accounts: readonly T[], activeKey: string): Promise<T | undefined> {
    this.questions.push(`account:${accounts.map((account) => (account.key === activeKey ? `*${account.username}` : account.username)).join(',')}`);
    return accounts.find((account) => account.username === this.accountToPick);
  }

  async askLogin(): Promise<string | undefined> {
    return this.next('login', this.logins);
  }

  async askPassword(): Promise<string | undefined> {
    return this.next('password', this.passwords);
  }

  async askVerificationCode(previousWasWrong: boolean): Promise<string | undefined> {
    this.wrongCodeFlags.push(previousWasWrong);
    return this.next('code', this.codes);
  }

  async askToken(): Promise<string | undefined> {
    return this.next('token', this.tokens);
  }

  async pickServer<T extends ServerChoice>(choices: readonly T[]): Promise<T | undefined> {
    this.questions.push(`server:${choices.map((choice) => choice.label).join(',')}`);
    // Labels of names from servers carry invisible spaces that keep links and icons from forming.
    return choices.find((choice) => choice.label.replace(/\u200b/g, '') === this.serverToPick);
  }

  async confirmSignOut(): Promise<boolean> {
    this.questions.push('confirmSignOut');
    return this.confirmSignOutAnswer;
  }

  /** The status-bar menu command to pick; undefined backs out. */
  accountActionToPick: string | undefined = undefined;
  readonly flashed: string[] = [];

  async pickAccountAction<T extends string>(_username: string, actions: readonly { id: T }[]): Promise<T | undefined> {
    this.questions.push(`accountAction:${actions.map((action) => action.id).join(',')}`);
    return actions.find((action) => action.id === this.accountActionToPick)?.id;
  }

  /** The Home user (by title) to pick; undefined backs out. */
  homeUserToPick: string | undefined = undefined;
  homePins: (string | undefined)[] = [];
  readonly homePinWrongFlags: boolean[] = [];

  async pickHomeUser<T extends { title: string; uuid: string }>(users: readonly T[], activeUuid: string): Promise<T | undefined> {
    this.questions.push(`homeUser:${users.map((user) => (user.uuid === activeUuid ? `*${user.title}` : user.title)).join(',')}`);
    return users.find((user) => user.title === this.homeUserToPick);
  }

  async askHomePin(_userTitle: string, previousWasWrong: boolean): Promise<string | undefined> {
    this.homePinWrongFlags.push(previousWasWrong);
    return this.next('homePin', this.homePins);
  }

  flash(message: string): void {
    this.flashed.push(message);
  }

  async confirmInsecureConnection(host: string): Promise<boolean | undefined> {
    this.questions.push(`insecure:${host}`);
    if (this.insecureAnswers.length === 0) {
      throw new Error(`The test did not script an answer for "insecure:${host}"`);
    }
    return this.insecureAnswers.shift();
  }

  /** Answers to "send the token to this plex.serverUrl address?": true send, false don't, undefined dismiss. */
  serverAddressAnswers: (boolean | undefined)[] = [];

  async confirmServerAddress(host: string): Promise<boolean | undefined> {
    this.questions.push(`serverAddress:${host}`);
    if (this.serverAddressAnswers.length === 0) {
      throw new Error(`The test did not script an answer for "serverAddress:${host}"`);
    }
    return this.serverAddressAnswers.shift();
  }

  async openInBrowser(url: string): Promise<boolean> {
    this.openedUrls.push(url);
    return this.browserOpens;
  }

  /** Answers to "remove this device?"; recorded as `removeDevice:<name>` (`:this` when it is this VS Code). */
  removeDeviceAnswers: boolean[] = [];
  /** Answers to "a claim token is still live: get a new one?". */
  freshClaimAnswers: ('fresh' | 'same' | undefined)[] = [];
  /** Codes to type into Link a Device, one per asking; undefined backs out. */
  linkCodes: (string | undefined)[] = [];
  /** What Link a Device showed each time it asked: undefined first, then the rejected code and why. */
  readonly linkCodeRejections: ({ code: string; reason: string } | undefined)[] = [];
  /** Answers to the account token warning. */
  accountTokenAnswers: ('copy' | 'transient' | undefined)[] = [];

  async confirmRemoveDevice(deviceName: string, thisDevice: boolean): Promise<boolean> {
    return this.scripted(`removeDevice:${deviceName}${thisDevice ? ':this' : ''}`, this.removeDeviceAnswers);
  }

  async askFreshClaimToken(secondsLeft: number): Promise<'fresh' | 'same' | undefined> {
    this.questions.push(`freshClaim:${secondsLeft > 0 ? 'live' : 'none'}`);
    return this.scripted('freshClaim', this.freshClaimAnswers, false);
  }

  async askLinkCode(rejected: { code: string; reason: string } | undefined): Promise<string | undefined> {
    this.linkCodeRejections.push(rejected && { ...rejected });
    return this.next('linkCode', this.linkCodes);
  }

  async confirmCopyAccountToken(username: string): Promise<'copy' | 'transient' | undefined> {
    return this.scripted(`accountToken:${username}`, this.accountTokenAnswers);
  }

  /**
   * What is typed into Add Webhook, one list of keystroke states per asking (the last is the
   * submitted value; undefined backs out). Each state's validation message is recorded in
   * `webhookUrlValidations`; submitting a value the box marks invalid fails the test, as VS Code
   * would not accept it.
   */
  webhookUrlTyping: (readonly (string | undefined)[])[] = [];
  readonly webhookUrlValidations: { value: string; message: string | undefined }[] = [];
  /** Answers to "remove this webhook?"; recorded as `removeWebhook:<url>`. */
  removeWebhookAnswers: boolean[] = [];
  /** The events to pick in Send Test Event, one per asking; undefined backs out. */
  webhookEvents: (string | undefined)[] = [];

  async askWebhookUrl(validate: (value: string) => string | undefined): Promise<string | undefined> {
    const typing = this.scripted('webhookUrl', this.webhookUrlTyping);
    let last: string | undefined;
    for (const value of typing) {
      last = value;
      if (value !== undefined) {
        this.webhookUrlValidations.push({ value, message: validate(value.trim()) });
      }
    }
    if (last !== undefined && validate(last.trim()) !== undefined) {
      throw new Error(`The test submitted "${last}", which the input box refuses: ${String(validate(last.trim()))}`);
    }
    return last?.trim();
  }

  async confirmRemoveWebhook(url: string): Promise<boolean> {
    return this.scripted(`removeWebhook:${url}`, this.removeWebhookAnswers);
  }

  async pickWebhookEvent(events: readonly string[], url: string): Promise<string | undefined> {
    this.questions.push(`webhookEvent:${url}:${events.length}`);
    if (this.webhookEvents.length === 0) {
      throw new Error(`The test did not script an answer for "webhookEvent:${url}"`);
    }
    return this.webhookEvents.shift();
  }

  info(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.record('info', message, actions);
  }

  warn(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.record('warn', message, actions);
  }

  error(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.record('error', message, actions);
  }

  errors(): string[] {
    return this.messages.filter((shown) => shown.severity === 'error').map((shown) => shown.message);
  }

  private async next(question: string, answers: (string | undefined)[]): Promise<string | undefined> {
    this.questions.push(question);
    if (answers.length === 0) {
      throw new Error(`The test did not script an answer for "${question}"`);
    }
    return answers.shift();
  }

  /** Records `question`, then the next scripted answer; an unscripted question fails the test. */
  private scripted<T>(question: string, answers: T[], record = true): T {
    if (record) {
      this.questions.push(question);
    }
    if (answers.length === 0) {
      throw new Error(`The test did not script an answer for "${question}"`);
    }
    return answers.shift() as T;
  }

  private async record(severity: ShownMessage['severity'], message: string, actions: string[]): Promise<string | undefined> {
    this.messages.push({ severity, message, actions });
    const answer = this.messageAnswers.find((candidate) => actions.includes(candidate));
    if (answer !== undefined) {
      this.messageAnswers.splice(this.messageAnswers.indexOf(answer), 1);
    }
    return answer;
  }
}
