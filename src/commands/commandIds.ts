/** Every command the extension registers on activation; the handlers load on first use. */
export const COMMAND_IDS = [
  'plex.signIn',
  'plex.signInWithBrowser',
  'plex.signInWithPassword',
  'plex.signInWithToken',
  'plex.signOut',
  'plex.refresh',
  'plex.showLog',
  'plex.showAccount',
  'plex.copySignInLink',
  'plex.copyValue',
  'plex.statusBarActions',
  'plex.copyTransientToken',
  'plex.showSourceConnectionInformation',
  'plex.selectServer',
  'plex.setDefaultServer',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** Arguments are whatever VS Code passes (a tree node, or nothing from the palette). */
export type CommandHandler = (...args: never[]) => unknown;
