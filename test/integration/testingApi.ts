// What the integration tests inspect and drive, built from the extension's own objects, which the
// extension hands over only in ExtensionMode.Test (src/internals.ts). Nothing here ships:
// scripts/build.mjs fails when one of these names appears in dist/.
import type * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../src/api';
import { JWT_RENEWAL_CLAIM_KEY } from '../../src/auth/jwt/jwtRenewal';
import { lastTokenUse, setLastTokenUse } from '../../src/auth/tokenUse';
import { INTERNALS_KEY, type ExtensionInternals } from '../../src/internals';
import type { Ui } from '../../src/ui/ui';
import { readLogText } from './logText';
import { treatAsRemote } from './treatAsRemote';

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
  /** The provider's own answer: a silent getSession() from a test has no access consent. */
  authenticationSessions(): Promise<readonly vscode.AuthenticationSession[]>;
  /** Clipboard clears still waiting. */
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
  /** The Devices view's items as VS Code gets them (loads the list, as showing the view does). */
  deviceTreeItems(): Promise<vscode.TreeItem[]>;
  /** The claim-token countdown: its status-bar text while one is live; expireNow() ends it as if its time ran out. */
  claimCountdown(): { text: string | undefined; expireNow(): Promise<void> };
  /** Deactivates the extension as VS Code does (deactivate(), then every subscription disposed). For good in this host. */
  deactivate(): void;
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
  /** What the "Plex" log channel has written to its log file so far. */
  logText(): Promise<string>;
  /** When plex.tv last saw the token used, as every window shares it (epoch ms). */
  lastTokenUse(): number | undefined;
  setLastTokenUse(at: number | undefined): Promise<void>;
  /** Writes (or with undefined deletes) the stored session the way another window would. */
  writeStoredSessionAsAnotherWindow(raw: string | undefined): Promise<void>;
}

export function extensionInternals(api: PlexExtensionApi): ExtensionInternals | undefined {
  return (api as PlexExtensionApi & { [INTERNALS_KEY]?: ExtensionInternals })[INTERNALS_KEY];
}

export function testingApi(internals: ExtensionInternals): PlexTestingApi {
  const { security, serversTree, authenticationProvider, secrets, globalState } = internals;
  const catalog = () => internals.commands().services.catalog;
  // Nothing of the command code runs before it loads: no clipboard clear, progress or timer.
  const running = () => internals.loadedCommands()?.running;
  return {
    setUi: (ui) => internals.overrideUi(ui),
    accountUsername: () => internals.commands().services.session.stored?.account.username,
    readStoredSession: () => Promise.resolve(secrets.get(SESSION_SECRET)),
    // Without the command code loaded, no server has been listed yet.
    cachedServerNames: () => internals.loadedCommands()?.services.catalog.cached?.map((server) => server.name),
    defaultServerId: () => catalog().defaultServerId,
    forgetDefaultServer: () => catalog().setDefaultServer(undefined),
    authenticationSessions: () => authenticationProvider.getSessions(),
    pendingClipboardClears: () => (internals.loadedCommands()?.services.clipboard.pendingClear === undefined ? 0 : 1),
    activeProgress: () => running()?.progress.size ?? 0,
    cancelProgress: (title) =>
      running()?.progress.forEach((shownTitle, controller) => {
        if (title === undefined || shownTitle === title) {
          controller.abort();
        }
      }),
    pendingPollTimers: () => running()?.delays.size ?? 0,
    treatAsRemote: (hosts) => treatAsRemote(security, hosts),
    forgetInsecureConnectionAnswers: () => internals.commands().services.gateway.insecure.forget(),
    forgetServerAnswers: async () => {
      await internals.commands().services.gateway.forgetServerAddressAnswers();
      await internals.commands().services.gateway.insecure.forget();
    },
    serverTreeItems: async () => (await serversTree.getChildren()).map((node) => serversTree.getTreeItem(node)),
    deviceTreeItems: async () => (await internals.devicesTree.getChildren()).map((node) => internals.devicesTree.getTreeItem(node)),
    claimCountdown: () => {
      const claim = internals.commands().services.claim;
      return { text: claim.text, expireNow: () => claim.end() };
    },
    deactivate: () => {
      internals.deactivate();
      internals.subscriptions.splice(0).forEach((subscription) => void subscription.dispose());
    },
    accountFields: () => internals.accountTree.getChildren(),
    pingTokenIfDue: () => internals.commands().services.upkeep.pingIfDue(),
    renewJwtIfDue: () => internals.commands().services.jwtRenewal.renewIfDue(),
    setJwtRenewalClaim: async (at) => {
      await globalState.update(JWT_RENEWAL_CLAIM_KEY, at);
    },
    readStoredDeviceKey: () => Promise.resolve(secrets.get(DEVICE_KEY_SECRET)),
    logText: () => readLogText(internals.logUri),
    lastTokenUse: () => lastTokenUse(globalState),
    setLastTokenUse: async (at) => {
      await setLastTokenUse(globalState, at);
    },
    writeStoredSessionAsAnotherWindow: async (raw) => {
      await (raw === undefined ? secrets.delete(SESSION_SECRET) : secrets.store(SESSION_SECRET, raw));
    },
  };
}
