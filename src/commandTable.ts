// Every command in one table: the ids registered on activation, the handler map's keys (typed
// from here), palette visibility (package.json's when clauses must match, a unit test checks)
// and the status-bar menu. Data only: the handlers load with the command code on first use.
import type { AuthStatus } from './auth/sessionView';

/** Where a command can run: in the palette always, never, or in these session states (and only in a Plex Home). */
export type PaletteVisibility = 'always' | 'never' | readonly AuthStatus[] | { readonly statuses: readonly AuthStatus[]; readonly inHome: true };

export interface CommandDefinition {
  readonly id: string;
  readonly palette: PaletteVisibility;
  /** Its place in the status-bar menu (shown while signed in), if it has one. */
  readonly statusBarMenu?: { readonly icon: string; readonly order: number };
}

const SIGNED_IN: readonly AuthStatus[] = ['signedIn'];
const HAS_SESSION: readonly AuthStatus[] = ['signedIn', 'expired'];

export const COMMANDS = [
  { id: 'plex.signIn', palette: 'always' },
  { id: 'plex.signInWithBrowser', palette: 'always' },
  { id: 'plex.signInWithPassword', palette: 'always' },
  { id: 'plex.signInWithToken', palette: 'always' },
  { id: 'plex.addAccount', palette: HAS_SESSION, statusBarMenu: { icon: 'person-add', order: 4.7 } },
  { id: 'plex.switchAccount', palette: HAS_SESSION, statusBarMenu: { icon: 'arrow-swap', order: 4.6 } },
  { id: 'plex.signOut', palette: HAS_SESSION, statusBarMenu: { icon: 'sign-out', order: 5 } },
  { id: 'plex.refresh', palette: SIGNED_IN, statusBarMenu: { icon: 'refresh', order: 2 } },
  { id: 'plex.showLog', palette: 'always' },
  { id: 'plex.showAccount', palette: 'never', statusBarMenu: { icon: 'account', order: 4 } },
  { id: 'plex.copySignInLink', palette: 'never' },
  { id: 'plex.copyValue', palette: 'never' },
  { id: 'plex.statusBarActions', palette: 'never' },
  { id: 'plex.copyTransientToken', palette: SIGNED_IN, statusBarMenu: { icon: 'key', order: 1 } },
  { id: 'plex.showSourceConnectionInformation', palette: SIGNED_IN },
  { id: 'plex.selectServer', palette: SIGNED_IN, statusBarMenu: { icon: 'server', order: 3 } },
  { id: 'plex.setDefaultServer', palette: 'never' },
  { id: 'plex.forgetServerPermissions', palette: 'always' },
  { id: 'plex.testConnections', palette: SIGNED_IN },
  { id: 'plex.switchHomeUser', palette: { statuses: SIGNED_IN, inHome: true }, statusBarMenu: { icon: 'organization', order: 3.5 } },
  { id: 'plex.copyClaimToken', palette: SIGNED_IN },
  { id: 'plex.linkDevice', palette: SIGNED_IN },
  { id: 'plex.copyAccountToken', palette: SIGNED_IN },
  { id: 'plex.removeDevice', palette: 'never' },
  { id: 'plex.refreshDevices', palette: 'never' },
  { id: 'plex.addWebhook', palette: SIGNED_IN },
  { id: 'plex.removeWebhook', palette: 'never' },
  { id: 'plex.sendTestWebhook', palette: 'never' },
  { id: 'plex.refreshWebhooks', palette: 'never' },
  { id: 'plex.getStarted', palette: 'always' },
  { id: 'plex.manageTrustedExtensions', palette: HAS_SESSION },
] as const satisfies readonly CommandDefinition[];

export type CommandId = (typeof COMMANDS)[number]['id'];

/** Arguments are whatever VS Code passes (a tree node, or nothing from the palette). */
export type CommandHandler = (...args: never[]) => unknown;

const STATUS_KEYS: Record<AuthStatus, string> = {
  signedIn: 'plex.signedIn',
  expired: 'plex.sessionExpired',
  signedOut: '!plex.signedIn && !plex.sessionExpired',
};

/** The `commandPalette` when clause for a visibility; undefined means no entry (always shown). */
export function paletteWhen(visibility: PaletteVisibility): string | undefined {
  if (visibility === 'always') {
    return undefined;
  }
  if (visibility === 'never') {
    return 'false';
  }
  if ('inHome' in visibility) {
    return `${paletteWhen(visibility.statuses)} && plex.inHome`;
  }
  return visibility.map((status) => STATUS_KEYS[status]).join(' || ');
}

type MenuCommand = Extract<(typeof COMMANDS)[number], { statusBarMenu: object }>;
export type StatusBarMenuCommandId = MenuCommand['id'];

/** The status-bar menu's commands, in order. */
export function statusBarMenu(): { id: StatusBarMenuCommandId; icon: string }[] {
  return COMMANDS.filter((command): command is MenuCommand => 'statusBarMenu' in command)
    .sort((a, b) => a.statusBarMenu.order - b.statusBarMenu.order)
    .map((command) => ({ id: command.id, icon: command.statusBarMenu.icon }));
}
