import * as vscode from 'vscode';
import type { PlexAccount } from '../plex/types';

export interface AccountField {
  label: string;
  value: string;
}

/** The account as label/value rows; every value comes from the stored summary, no request. */
export interface AccountFieldOptions {
  memberSince: boolean;
  /** The kind of token the extension acts with: a Plex JWT valid until then (epoch seconds), else a classic token. */
  token?: { jwtExpiresAt: number | undefined };
}

export function accountFields(account: PlexAccount, options: AccountFieldOptions = { memberSince: true }): AccountField[] {
  const fields: AccountField[] = [
    { label: vscode.l10n.t('Username'), value: account.username },
    { label: vscode.l10n.t('Display name'), value: account.friendlyName || account.title },
    { label: vscode.l10n.t('Email'), value: account.email },
    { label: vscode.l10n.t('Account ID'), value: String(account.id) },
    { label: vscode.l10n.t('UUID'), value: account.uuid },
    { label: vscode.l10n.t('Subscription'), value: subscription(account) },
    {
      label: vscode.l10n.t('Two-factor authentication'),
      value: account.twoFactorEnabled
        ? vscode.l10n.t({ message: 'On', comment: 'Two-factor authentication is turned on.' })
        : vscode.l10n.t({ message: 'Off', comment: 'Two-factor authentication is turned off.' }),
    },
  ];
  if (account.joinedAt && options.memberSince) {
    fields.push({ label: vscode.l10n.t('Member since'), value: readableDate(account.joinedAt) });
  }
  fields.push({ label: vscode.l10n.t('Plex Home'), value: home(account) });
  if (options.token) {
    fields.push({ label: vscode.l10n.t('Token'), value: tokenKind(options.token.jwtExpiresAt) });
  }
  if (options.memberSince && options.token?.jwtExpiresAt === undefined) {
    fields.push({ label: vscode.l10n.t('Token expires'), value: tokenExpiry(account) });
  }
  return fields.filter((field) => field.value !== '');
}

/**
 * Plain-text tooltip for the status bar, built during a signed-in activation. Without "Member
 * since": formatting that date is the extension host's first Intl use, which loads the locale
 * data (15 to 75 ms on a signed-in start; npm run bench, docs/performance.md).
 */
export function accountSummary(account: PlexAccount): string {
  return accountFields(account, { memberSince: false })
    .map((field) => `${field.label}: ${field.value}`)
    .join('\n');
}

/** Plex moves the expiry on while the token is used (the daily ping); it says nothing of a revocation. */
function tokenExpiry(account: PlexAccount): string {
  return account.rememberExpiresAt
    ? readableDate(account.rememberExpiresAt)
    : vscode.l10n.t({ message: 'Does not expire', comment: 'Plex gave no expiry date for the account token.' });
}

function tokenKind(jwtExpiresAt: number | undefined): string {
  if (jwtExpiresAt === undefined) {
    return vscode.l10n.t({ message: 'classic token', comment: 'The kind of Plex token: the long-lived kind, not a Plex JWT.' });
  }
  const until = new Date(jwtExpiresAt * 1000).toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
  return vscode.l10n.t({
    message: 'Plex JWT, renews automatically, valid until {0}',
    args: [until],
    comment: '{0} is a date and time.',
  });
}

function subscription(account: PlexAccount): string {
  const plan = account.subscription;
  if (!plan || (!plan.active && !plan.plan)) {
    return vscode.l10n.t({ message: 'None', comment: 'Subscription: the account has no Plex Pass.' });
  }
  const state = plan.active
    ? vscode.l10n.t({ message: 'active', comment: 'State of a Plex Pass subscription.' })
    : vscode.l10n.t({ message: 'inactive', comment: 'State of a Plex Pass subscription.' });
  const details = [plan.plan, plan.status ?? state]
    .filter((part): part is string => Boolean(part))
    .join(', ');
  return vscode.l10n.t('Plex Pass ({0})', details);
}

function home(account: PlexAccount): string {
  if (!account.home) {
    return vscode.l10n.t('Not in a Plex Home');
  }
  const role = account.homeAdmin
    ? vscode.l10n.t({ message: 'admin', comment: 'Your role in a Plex Home: you manage it.' })
    : vscode.l10n.t({ message: 'member', comment: 'Your role in a Plex Home: you belong to it; someone else manages it.' });
  if (account.homeSize === undefined) {
    return role;
  }
  return account.maxHomeSize
    ? vscode.l10n.t({
        message: '{0}, {1} of {2} members',
        args: [role, account.homeSize, account.maxHomeSize],
        comment: '{0} is your role in the Plex Home (admin or member), {1} how many members it has, {2} how many it allows.',
      })
    : vscode.l10n.t({
        message: '{0}, {1} members',
        args: [role, account.homeSize],
        comment: '{0} is your role in the Plex Home (admin or member), {1} how many members it has.',
      });
}

function readableDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleDateString(vscode.env.language, { year: 'numeric', month: 'long', day: 'numeric' });
}
