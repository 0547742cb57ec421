import * as vscode from 'vscode';
import type { PlexAccount } from '../plex/types';

export interface AccountField {
  label: string;
  value: string;
}

/** The account as label/value rows; every value comes from the stored summary, no request. */
export function accountFields(account: PlexAccount, options: { memberSince: boolean } = { memberSince: true }): AccountField[] {
  const fields: AccountField[] = [
    { label: vscode.l10n.t('Username'), value: account.username },
    { label: vscode.l10n.t('Display name'), value: account.friendlyName || account.title },
    { label: vscode.l10n.t('Email'), value: account.email },
    { label: vscode.l10n.t('Account ID'), value: String(account.id) },
    { label: vscode.l10n.t('UUID'), value: account.uuid },
    { label: vscode.l10n.t('Subscription'), value: subscription(account) },
    {
      label: vscode.l10n.t('Two-factor authentication'),
      value: account.twoFactorEnabled ? vscode.l10n.t('On') : vscode.l10n.t('Off'),
    },
  ];
  if (account.joinedAt && options.memberSince) {
    fields.push({ label: vscode.l10n.t('Member since'), value: readableDate(account.joinedAt) });
  }
  fields.push({ label: vscode.l10n.t('Plex Home'), value: home(account) });
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

function subscription(account: PlexAccount): string {
  const plan = account.subscription;
  if (!plan || (!plan.active && !plan.plan)) {
    return vscode.l10n.t('None');
  }
  const details = [plan.plan, plan.status ?? (plan.active ? vscode.l10n.t('active') : vscode.l10n.t('inactive'))]
    .filter((part): part is string => Boolean(part))
    .join(', ');
  return vscode.l10n.t('Plex Pass ({0})', details);
}

function home(account: PlexAccount): string {
  if (!account.home) {
    return vscode.l10n.t('Not in a Plex Home');
  }
  const role = account.homeAdmin ? vscode.l10n.t('admin') : vscode.l10n.t('member');
  if (account.homeSize === undefined) {
    return role;
  }
  return account.maxHomeSize
    ? vscode.l10n.t('{0}, {1} of {2} members', role, account.homeSize, account.maxHomeSize)
    : vscode.l10n.t('{0}, {1} members', role, account.homeSize);
}

function readableDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleDateString(vscode.env.language, { year: 'numeric', month: 'long', day: 'numeric' });
}
