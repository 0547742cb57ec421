// What the integration tests inspect and drive, built from the extension the tests' own entry
// composed on the test host port (./host/extension.ts). Nothing here ships: scripts/build.mjs
// fails when one of these names appears in dist/.
import type * as vscode from 'vscode';
import { JWT_RENEWAL_CLAIM_KEY } from '../../src/auth/jwt/jwtRenewal';
import { lastTokenUse, setLastTokenUse } from '../../src/auth/tokenUse';
import type { Ui } from '../../src/ui/ui';
import { openWalkthroughOnFirstActivation, WALKTHROUGH_OFFERED_KEY } from '../../src/walkthrough';
import type { ExtensionUnderTest } from './host/extensionUnderTest';
import { readLogText } from './logText';

const SESSION_SECRET = 'plex.session';
const DEVICE_KEY_SECRET = 'plex.deviceKey';

export interface PlexTestingApi {
  /** Replaces the prompts and messages with a scripted Ui; undefined restores the real one. */
  setUi(ui: Ui | undefined): void;
  /** The signed-in account's username (the exports do not show it: that needs the user's consent). */
  accountUsername(): string | undefined;
  /** The raw value in SecretStorage, to check what is stored and where. */
  readStoredSession(): Promise<string | undefined>;
  /** Names of the cached servers, undefined when not loaded. */
  cachedServerNames(): string[] | undefined;
  defaultServerId(): string | undefined;
  /** Forgets the default server, so each test starts from the same place. */
  forgetDefaultServer(): Promise<void>;
  /** The provider's own answer: a silent getSession() from a test has no access consent; `account` as VS Code passes it. */
  authenticationSessions(account?: { id: string; label: string }): Promise<readonly vscode.AuthenticationSession[]>;
  /** The provider's removeSession, as the Accounts menu's Sign Out calls it (after its own question). */
  removeAuthenticationSession(sessionId: string): Promise<void>;
  /** The accounts signed in beside the active one, in their order, with whether each is expired. */
  inactiveAccounts(): readonly { username: string; expired: boolean }[];
  /** Clipboard clears still waiting: the timers pending on the extension's clock, which only the clipboard clear uses. */
  pendingClipboardClears(): number;
  /** Progress notifications still running; 0 once every action has settled. */
  activeProgress(): number;
  /** Cancels every running progress (or only those with this title), as its Cancel button would. */
  cancelProgress(title?: string): void;
  /** Poll waits of the browser sign-in still pending; 0 once it ended or was cancelled. */
  pendingPollTimers(): number;
  /** Treats these host:port values as another computer, so tests never need a non-loopback address. */
  treatAsRemote(hosts: readonly string[]): void;
  /** Forgets every "send the token to this plex.serverUrl address?" and "send it unencrypted?" answer. */
  forgetServerAnswers(): Promise<void>;
  /** Forgets every "send the token unencrypted?" answer. */
  forgetInsecureConnectionAnswers(): Promise<void>;
  /** The Servers view's top-level items as VS Code gets them. */
  serverTreeItems(): Promise<vscode.TreeItem[]>;
  /** The Servers view's server rows, each with its connection rows, as VS Code gets them. */
  serverTreeRows(): Promise<{ item: vscode.TreeItem; children: vscode.TreeItem[] }[]>;
  /** The Devices view's items as VS Code gets them (loads the list, as showing the view does). */
  deviceTreeItems(): Promise<vscode.TreeItem[]>;
  /** The Webhooks view's items as VS Code gets them (loads the list, as showing the view does). */
  webhookTreeItems(): Promise<vscode.TreeItem[]>;
  /** The claim-token countdown: its status-bar text while one is live; expireNow() ends it as if its time ran out. */
  claimCountdown(): { text: string | undefined; expireNow(): Promise<void> };
  /**
   * Deactivates the extension as VS Code does (deactivate(), every subscription disposed, then
   * deactivate()'s promise awaited). For good in this host.
   */
  deactivate(): Promise<void>;
  /** The Account view's rows. */
  accountFields(): readonly { label: string; value: string }[];
  /** Token upkeep's look (normally hourly, and a minute after start-up): pings when due. */
  pingTokenIfDue(): Promise<string>;
  /** JWT renewal's look (normally hourly, and when the command code first loads): renews when due. */
  renewJwtIfDue(): Promise<string>;
  /** Writes the shared "a window is renewing the JWT since" mark (epoch ms) as another window would. */
  setJwtRenewalClaim(at: number | undefined): Promise<void>;
  /** The raw device-key secret, for the secret audit. */
  readStoredDeviceKey(): Promise<string | undefined>;
  /** Writes the device key secret as another window (or an earlier version) would. */
  writeStoredDeviceKey(raw: string): Promise<void>;
  /** What the "Plex" log channel has written to its log file so far. */
  logText(): Promise<string>;
  /** When plex.tv last saw the token used, as every window shares it (epoch ms). */
  lastTokenUse(): number | undefined;
  setLastTokenUse(at: number | undefined): Promise<void>;
  /** Makes the extension's next secret write fail, as a locked keychain does; failedSecretWrites() counts them. */
  failNextSecretWrite(): void;
  failedSecretWrites(): number;
  /** Writes (or with undefined deletes) the stored session the way another window would. */
  writeStoredSessionAsAnotherWindow(raw: string | undefined): Promise<void>;
  /** Moves the extension's clock `ms` forward (timers now due run); resetClock() returns it to real time. */
  advanceClock(ms: number): void;
  resetClock(): void;
  /** The context keys the extension has set, with their latest values. */
  recordedContextKeys(): ReadonlyMap<string, boolean>;
  /** How many times the extension has written the clipboard (copies and clears). */
  clipboardWrites(): number;
  /** Whether this profile's globalState records the walkthrough as offered (by the first activation). */
  walkthroughRecorded(): boolean;
  /** What activation does about the walkthrough, run as a later activation (a reload, another window) runs it: true when it opened it. */
  walkthroughCheckOfLaterActivation(): Promise<boolean>;
}

export function testingApi(underTest: ExtensionUnderTest): PlexTestingApi {
  const { composed, host, context } = underTest;
  const { serversTree, devicesTree, webhooksTree, authenticationProvider, accountTree } = composed;
  const { secrets, globalState } = context;
  const catalog = () => composed.commands().services.catalog;
  // Nothing of the command code runs before it loads: no progress or poll timer.
  const running = () => composed.loadedCommands()?.running;
  return {
    setUi: (ui) => host.setUi(ui),
    accountUsername: () => composed.commands().services.session.stored?.account.username,
    readStoredSession: () => Promise.resolve(secrets.get(SESSION_SECRET)),
    // Without the command code loaded, no server has been listed yet.
    cachedServerNames: () => composed.loadedCommands()?.services.catalog.cached?.map((server) => server.name),
    defaultServerId: () => catalog().defaultServerId,
    forgetDefaultServer: () => catalog().setDefaultServer(undefined),
    authenticationSessions: (account) => authenticationProvider.getSessions(undefined, account && { account }),
    removeAuthenticationSession: (sessionId) => authenticationProvider.removeSession(sessionId),
    inactiveAccounts: () =>
      composed.commands().services.session.otherAccounts.map((other) => ({ username: other.session.account.username, expired: other.expired })),
    pendingClipboardClears: () => host.clock.pendingTimers,
    activeProgress: () => running()?.progress.size ?? 0,
    cancelProgress: (title) =>
      running()?.progress.forEach((shownTitle, controller) => {
        if (title === undefined || shownTitle === title) {
          controller.abort();
        }
      }),
    pendingPollTimers: () => running()?.delays.size ?? 0,
    treatAsRemote: (hosts) => host.localAddresses.treatAsRemote(hosts),
    forgetInsecureConnectionAnswers: () => composed.commands().services.gateway.insecure.forget(),
    forgetServerAnswers: async () => {
      await composed.commands().services.gateway.forgetServerAddressAnswers();
      await composed.commands().services.gateway.insecure.forget();
    },
    serverTreeItems: async () => (await serversTree.getChildren()).map((node) => serversTree.getTreeItem(node)),
    serverTreeRows: async () =>
      Promise.all(
        (await serversTree.getChildren()).map(async (node) => ({
          item: serversTree.getTreeItem(node),
          children: (await serversTree.getChildren(node)).map((child) => serversTree.getTreeItem(child)),
        })),
      ),
    deviceTreeItems: async () => (await devicesTree.getChildren()).map((node) => devicesTree.getTreeItem(node)),
    webhookTreeItems: async () => (await webhooksTree.getChildren()).map((node) => webhooksTree.getTreeItem(node)),
    claimCountdown: () => {
      const claim = composed.commands().services.claim;
      return { text: claim.text, expireNow: () => claim.end() };
    },
    deactivate: async () => {
      const deactivated = underTest.deactivate();
      context.subscriptions.splice(0).forEach((subscription) => void subscription.dispose());
      await deactivated;
    },
    accountFields: () => accountTree.getChildren(),
    pingTokenIfDue: () => composed.commands().services.upkeep.pingIfDue(),
    renewJwtIfDue: () => composed.commands().services.jwtRenewal.renewIfDue(),
    setJwtRenewalClaim: async (at) => {
      await globalState.update(JWT_RENEWAL_CLAIM_KEY, at);
    },
    readStoredDeviceKey: () => Promise.resolve(secrets.get(DEVICE_KEY_SECRET)),
    writeStoredDeviceKey: async (raw) => {
      await secrets.store(DEVICE_KEY_SECRET, raw);
    },
    logText: () => readLogText(context.logUri),
    lastTokenUse: () => lastTokenUse(globalState),
    setLastTokenUse: async (at) => {
      await setLastTokenUse(globalState, at);
    },
    failNextSecretWrite: () => underTest.secrets.failNextWrite(),
    failedSecretWrites: () => underTest.secrets.failedWrites,
    writeStoredSessionAsAnotherWindow: async (raw) => {
      await (raw === undefined ? secrets.delete(SESSION_SECRET) : secrets.store(SESSION_SECRET, raw));
    },
    advanceClock: (ms) => host.clock.advance(ms),
    resetClock: () => host.clock.reset(),
    recordedContextKeys: () => host.contextKeys,
    clipboardWrites: () => host.clipboard.writes,
    walkthroughRecorded: () => globalState.get(WALKTHROUGH_OFFERED_KEY) === true,
    walkthroughCheckOfLaterActivation: () => openWalkthroughOnFirstActivation(globalState, context.extension.id),
  };
}
