// What one bench window measures, and the tasks whose requests are counted.
import type { TaskRequests } from './requests';
import type { BenchExtension } from './runtimeExtensions';

/** Tasks whose requests are counted, with the fewest requests the Plex API allows for each. */
export const taskMinimums = {
  activationSignedOut: { title: 'Activation, signed out', minimum: 0, note: '' },
  activationSignedIn: { title: 'Activation, signed in', minimum: 0, note: '' },
  browserSignIn: { title: 'Browser sign-in (polls excluded)', minimum: 2, note: 'create the PIN, read the account' },
  passwordSignIn: { title: 'Email and password sign-in', minimum: 1, note: 'the sign-in answer is the account' },
  passwordTwoFactor: { title: 'Email and password with 2FA', minimum: 2, note: 'the first try learns a code is needed' },
  tokenSignIn: { title: 'Token sign-in', minimum: 1, note: 'one account read checks the token' },
  accountView: { title: 'Opening the account view', minimum: 0, note: 'the account came with the sign-in' },
  serversView: { title: 'Opening the servers view', minimum: 1, note: 'list the resources' },
  firstCopy: { title: 'First copy of a transient token', minimum: 2, note: "servers already listed; who answers at each connection (no token; the refused one never arrives), then the token" },
  secondCopy: { title: 'Second copy of a transient token', minimum: 2, note: 'the connections are asked again: the best one may have changed' },
  refresh: { title: 'Refresh (both views open)', minimum: 2, note: 'account and resources' },
  signOut: { title: 'Sign out', minimum: 1, note: 'revoke the token' },
  homeUsersView: { title: "Opening the Plex Home view (alice, the Home's administrator)", minimum: 1, note: 'list the Home users' },
  homeSwitch: { title: 'Switch to a Home user (Kids: managed, no PIN; from the palette)', minimum: 2, note: "at most the switch and the member's account read" },
  homeSwitchBack: { title: 'Switch back to the administrator (from the palette)', minimum: 0, note: "the administrator's token is kept" },
  homeSwitchFromView: { title: 'Switch to Kids from its row in the Plex Home view', minimum: 1, note: "the switch answer carries the member's account" },
  homeSwitchBackFromView: { title: "Switch back from Alice's row in the Plex Home view", minimum: 0, note: '' },
  devicesView: { title: 'Opening the Devices view', minimum: 1, note: 'list the devices' },
  removeDevice: { title: 'Remove a device (confirmed)', minimum: 1, note: 'revoke it' },
  claimToken: { title: 'Copy a claim token', minimum: 1, note: 'get the claim token' },
  linkDevice: { title: 'Link a device (a plex.tv/link code)', minimum: 1, note: 'link the code' },
  copyAccountToken: { title: 'Copy the account token (confirmed)', minimum: 0, note: 'the token is stored' },
  upkeepPing: { title: 'Token upkeep look, token a day unused', minimum: 1, note: 'the ping' },
  upkeepNotDue: { title: 'Token upkeep look, token used within the day', minimum: 0, note: '' },
  jwtBrowserSignIn: {
    title: 'JWT browser sign-in (polls excluded)',
    minimum: 4,
    note: "create the PIN with the public key, a nonce for the device JWT the polls carry, plex.tv's signing keys to verify the JWT, read the account",
  },
  jwtRenewal: { title: 'JWT renewal (a JWT with less than a day left)', minimum: 2, note: "nonce and token exchange; plex.tv's signing keys known from the sign-in" },
  activationSignedInJwt: { title: 'Activation, signed in with a Plex JWT', minimum: 0, note: '' },
  testConnections: {
    title: "Test Connections on Dave's Server (refused, slow, another server, good)",
    minimum: 3,
    note: "one /identity per connection (no token; the refused one never arrives, the slow one's client gives up at the timeout before it is answered), then one authenticated request to the best",
  },
  copyPastDeadAndSlow: {
    title: "Copy a transient token of Dave's Server (a refused and a slow connection listed ahead of the good one)",
    minimum: 3,
    note: 'who answers at each connection (the refused one never arrives, the slow one is given up once the good one answered), then the token',
  },
  copyGoodAlone: { title: "Copy a transient token of a server whose one connection answers as Dave's good one does", minimum: 2, note: 'who answers there, then the token' },
  switchAccount: { title: 'Switch Account (three accounts signed in, from the palette)', minimum: 0, note: 'every account is stored' },
  activationSignedInThreeAccounts: { title: 'Activation, signed in with three accounts stored', minimum: 0, note: '' },
  webhooksView: { title: 'Opening the Webhooks view (carol, Plex Pass)', minimum: 1, note: 'list the webhooks' },
  addWebhook: { title: 'Add a webhook (from the palette)', minimum: 2, note: 'read the list right before writing it, then write it whole' },
  sendTestWebhook: { title: 'Send Test Event to a webhook (a receiver on this machine)', minimum: 1, note: "the event to the receiver; none to plex.tv (the view's list names the URL)" },
  removeWebhook: { title: 'Remove a webhook (confirmed)', minimum: 2, note: 'read the list right before writing it, then write it without the URL' },
} as const;

export type TaskName = keyof typeof taskMinimums;

export interface LatencySample {
  /** Command start to UI updated, in the page. */
  totalMs: number;
  /** Time the stand-in spent serving requests in that interval (overlaps counted once). */
  servingMs: number;
  /** totalMs - servingMs: what the extension (and the workbench plumbing it goes through) added. */
  overheadMs: number;
}

export const latencyActions = {
  tokenSignIn: 'Sign in with token (Enter to account tree updated)',
  refresh: 'Refresh (command to both trees updated)',
  copy: 'Copy transient token (click to clipboard written)',
  floorCopy: 'Floor: a command that only writes the clipboard (click to clipboard written)',
  floorTree: 'Floor: a command that only changes a one-row tree (click to tree updated)',
  testConnections: "Test Connections on Dave's Server (click to the summary notification)",
  copyPastDeadAndSlow: "Copy transient token of Dave's Server, a refused and a slow connection listed ahead of the good one (click to clipboard written)",
  copyGoodAlone: "Copy transient token of a server with only a connection like Dave's good one (click to clipboard written)",
  switchAccount: 'Switch Account (click on the account in the pick to the Account view showing it)',
  approvalCallback: "Browser sign-in to another account, approval to signed in, with the callback (the approval page's click to the status bar showing the account)",
  approvalPoll: 'The same with the poll only (the approval page does not forward the browser back)',
} as const;

export type LatencyAction = keyof typeof latencyActions;

export interface ActivationSample {
  /** "Developer: Show Running Extensions": code loading + synchronous activate(), ms. */
  reported: Record<BenchExtension, number>;
  /** Plex's own figure: its code running from bundle load to activate() resolved, waits excluded. */
  plexOwnMs: number | undefined;
  /** From the extension host's marks (ms, Date.now() resolution): require() of the main file. */
  requireMs: Partial<Record<BenchExtension, number>>;
  /** From the marks: activate() called to resolved, waits included. */
  activateMs: Partial<Record<BenchExtension, number>>;
  requests: TaskRequests;
  /** Secret keys Plex read during activation (the clocked build's record), in order. */
  secretKeysRead: string[];
  /** The extension host's marks for these extensions (and every extension's activation start), ms
   * after its first mark: the activation order. */
  timeline: { name: string; atMs: number }[];
}

export interface WindowResult {
  activation: { signedOut: ActivationSample; signedIn: ActivationSample; signedInJwt: ActivationSample; signedInThreeAccounts: ActivationSample };
  heap: { beforeActivation: number; afterActivation: number; afterSession: number };
  tasks: Record<TaskName, TaskRequests>;
  latency: Record<LatencyAction, LatencySample[]>;
}

/** A window without Plex: what the rest of the extension host's start-up adds to the heap. */
export interface ControlResult {
  heapBeforeActivation: number;
  heapAfterActivation: number;
}
