// The user actions the fault matrix crosses with faults: how to script, run and check each one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FailureKind } from '../../../src/plex/failure';
import type { StandInRoute } from '../../standin/types';
import { registerDevice } from '../deviceHelpers';
import type { ShownMessageRecord } from './caseResult';
import { removeDevice, runCommand, runServerCommand, switchHomeUser } from './commands';
import type { MatrixContext } from './context';
import { OWN_MESSAGES } from './expectations';
import { ACCOUNT_ACTIONS } from './accountActions';
import { WEBHOOK_ACTIONS } from './webhookActions';

export type ActionId =
  | 'browser'
  | 'password'
  | 'twoFactor'
  | 'token'
  | 'refresh'
  | 'listServers'
  | 'copyToken'
  | 'sourceInfo'
  | 'testConnections'
  | 'signOut'
  | 'ping'
  | 'jwtSignIn'
  | 'jwtRenewal'
  | 'removeDevice'
  | 'claimToken'
  | 'linkDevice'
  | 'switchHome'
  | 'addWebhook'
  | 'removeWebhook'
  | 'sendTestWebhook'
  | 'addAccount'
  | 'switchAccount';

/** A look that runs in the background (hourly): it shows nothing, loses nothing, and tries again later. */
export interface BackgroundLook {
  /** What the look answers when it did its job. */
  succeeded: string;
  /** What the next look may answer for a moment while the echo of an earlier globalState write arrives. */
  echo: string;
  /** The next look, as the timer runs it: nothing scripted anew. */
  lookAgain(context: MatrixContext): Promise<string>;
  /** It still says so when plex.tv refuses the token or the device (the session expires). */
  announcesExpiry?: boolean;
}

export interface MatrixAction {
  id: ActionId;
  title: string;
  /** Signed in (as `account`, else alice) before the action runs; otherwise it starts signed out. */
  signedIn: boolean;
  /** The stand-in account a signed-in action runs as; alice when absent. */
  account?: string;
  /** Acts on a Plex Media Server (else only plex.tv is involved). */
  onServer: boolean;
  /** The stand-in route a fault goes on. */
  route: StandInRoute;
  /** The field the missing-field and wrong-type faults break; undefined: the answer has no body. */
  requiredField: string | undefined;
  /** A sign-in with an email and password: a 401 means a wrong password, and no token is sent. */
  sendsPassword?: boolean;
  /** A fault for the two-factor step is added when the code is asked for, not before. */
  faultAtVerificationCode?: boolean;
  /** Set for a background look; its run records what the look answered (context.lookOutcome). */
  background?: BackgroundLook;
  /** Runs with the JWT preview on (plex.jwt.enabled); a signed-in start is then a JWT session. */
  jwt?: boolean;
  /** Signs in another account beside the active one: a fault leaves the active account signed in and active. */
  keepsActiveAccount?: boolean;
  /** Why the action sends no request, so no fault can meet it; undefined: it sends one. */
  makesNoRequest?: string;
  /** A deliberate sign-out clears the credentials even when plex.tv fails. */
  clearsCredentials?: boolean;
  /** The message the action words itself for `failure`; undefined: the error reporter's. */
  ownMessage?(failure: FailureKind, where: string): ShownMessageRecord | undefined;
  /** Scripts the answers one run of the action needs. */
  script(context: MatrixContext): Promise<void>;
  run(context: MatrixContext): Promise<void>;
  /** Fails unless the run did the action's job. */
  assertWorked(context: MatrixContext): Promise<void>;
}

const CLIPBOARD_MARK = 'clipboard before the action';

/** Numbers the devices Remove Device removes, so the report reads the same from run to run. */
let devicesRegistered = 0;

async function assertSignedInAs(context: MatrixContext, username: string): Promise<void> {
  assert.equal(context.api.status, 'signedIn');
  assert.equal(context.api.testing.accountUsername(), username);
  const raw = await context.api.testing.readStoredSession();
  assert.ok(raw !== undefined && (JSON.parse(raw) as { account: { username: string } }).account.username === username);
}

/** A refused token, as a sign-in that has no session yet words it. */
const newSignInRefused = (failure: FailureKind): ShownMessageRecord | undefined =>
  failure === 'token-invalid' ? OWN_MESSAGES.newSignInRefused() : undefined;

export const ACTIONS: readonly MatrixAction[] = [
  {
    id: 'browser',
    title: 'Browser sign-in',
    signedIn: false,
    onServer: false,
    route: 'pins.create',
    requiredField: 'code',
    ownMessage: newSignInRefused,
    script: (context) => context.control.setPinAutoApproval(1, 'alice'),
    run: () => runCommand('plex.signInWithBrowser'),
    assertWorked: (context) => assertSignedInAs(context, 'alice'),
  },
  {
    id: 'password',
    title: 'Password sign-in',
    signedIn: false,
    onServer: false,
    route: 'signin',
    requiredField: 'authToken',
    sendsPassword: true,
    script: async (context) => {
      context.ui.logins.push('carol');
      context.ui.passwords.push('carol-password');
    },
    run: () => runCommand('plex.signInWithPassword'),
    assertWorked: (context) => assertSignedInAs(context, 'carol'),
  },
  {
    id: 'twoFactor',
    title: 'Two-factor step',
    signedIn: false,
    onServer: false,
    route: 'signin',
    requiredField: 'authToken',
    sendsPassword: true,
    faultAtVerificationCode: true,
    script: async (context) => {
      context.ui.logins.push('bob');
      context.ui.passwords.push('bob-password');
      context.ui.codes.push('123456');
    },
    run: () => runCommand('plex.signInWithPassword'),
    assertWorked: (context) => assertSignedInAs(context, 'bob'),
  },
  {
    id: 'token',
    title: 'Token sign-in',
    signedIn: false,
    onServer: false,
    route: 'user',
    requiredField: 'username',
    ownMessage: (failure) => (failure === 'token-invalid' ? OWN_MESSAGES.pastedTokenRefused() : undefined),
    script: async (context) => {
      context.ui.tokens.push(await context.control.issueToken('alice'));
    },
    run: () => runCommand('plex.signInWithToken'),
    assertWorked: (context) => assertSignedInAs(context, 'alice'),
  },
  {
    id: 'refresh',
    title: 'Refresh',
    signedIn: true,
    onServer: false,
    route: 'user',
    requiredField: 'username',
    script: async () => undefined,
    run: () => runCommand('plex.refresh'),
    assertWorked: async (context) => {
      await assertSignedInAs(context, 'alice');
      assert.ok((await context.control.log()).some((entry) => entry.route === 'user' && entry.status === 200), 'plex.tv answered');
    },
  },
  {
    id: 'listServers',
    title: 'List servers',
    signedIn: true,
    onServer: false,
    route: 'resources',
    requiredField: 'clientIdentifier',
    script: async (context) => {
      context.ui.serverToPick = undefined;
    },
    run: () => runCommand('plex.selectServer'),
    assertWorked: async (context) => {
      assert.ok(context.ui.questions.includes("server:Alice's Library,Alice's Cloud"), 'the servers were offered');
      assert.equal(context.api.status, 'signedIn');
    },
  },
  {
    id: 'copyToken',
    title: 'Copy transient token',
    signedIn: true,
    onServer: true,
    route: 'pms.transientToken',
    requiredField: 'MediaContainer.token',
    ownMessage: serverRefusedToken,
    script: () => Promise.resolve(vscode.env.clipboard.writeText(CLIPBOARD_MARK)),
    run: (context) => runServerCommand('plex.copyTransientToken', context.clickedServer),
    assertWorked: async (context) => {
      const copied = await vscode.env.clipboard.readText();
      assert.match(copied, /^transient-/);
      assert.ok((await context.control.issuedTokens()).includes(copied), 'the server issued the copied token');
      assert.equal(context.api.status, 'signedIn');
    },
  },
  {
    id: 'sourceInfo',
    title: 'Source connection information',
    signedIn: true,
    onServer: true,
    route: 'pms.sourceConnection',
    requiredField: 'MediaContainer.Device.clientIdentifier',
    ownMessage: serverRefusedToken,
    script: () => runCommand('workbench.action.closeAllEditors'),
    run: (context) => runServerCommand('plex.showSourceConnectionInformation', context.clickedServer),
    assertWorked: async (context) => {
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.scheme, 'plex-source', 'the information is shown');
      assert.match(document.getText(), new RegExp(context.server.clientIdentifier));
      assert.equal(context.api.status, 'signedIn');
    },
  },
  {
    id: 'testConnections',
    title: 'Test connections',
    signedIn: true,
    onServer: true,
    // The probes (GET /identity, no token) are not faulted: the one authenticated request is.
    route: 'pms.root',
    requiredField: 'MediaContainer.machineIdentifier',
    ownMessage: serverRefusedToken,
    script: () => Promise.resolve(),
    run: (context) => runServerCommand('plex.testConnections', { clientIdentifier: context.server.clientIdentifier }),
    assertWorked: async (context) => {
      const rows = await context.api.testing.serverTreeRows();
      const row = rows.find((candidate) => String(candidate.item.label) === context.server.name);
      assert.ok(row, 'the server has a row');
      assert.match(String(row.item.description), /· \d+ ms$/, 'the server row shows the best address and its latency');
      assert.ok(row.children.some((child) => /^best · /.test(String(child.description))), 'a connection row is the best one');
      assert.equal(context.api.status, 'signedIn');
    },
  },
  {
    id: 'signOut',
    title: 'Sign out',
    signedIn: true,
    onServer: false,
    route: 'signout',
    requiredField: undefined,
    clearsCredentials: true,
    // plex.tv's refusal to revoke, whatever the failure, is one warning: signed out here all the same.
    ownMessage: () => OWN_MESSAGES.revocationUnconfirmed(),
    script: async (context) => {
      context.ui.confirmSignOutAnswer = true;
    },
    run: () => runCommand('plex.signOut'),
    assertWorked: async (context) => {
      assert.equal(context.api.status, 'signedOut');
      assert.equal(await context.api.testing.readStoredSession(), undefined);
      assert.ok(context.ui.messages.some((shown) => shown.message === 'Signed out of Plex.'), 'told the token counts as revoked');
    },
  },
  {
    id: 'ping',
    title: 'Token upkeep (daily ping)',
    signedIn: true,
    onServer: false,
    route: 'ping',
    requiredField: undefined,
    background: {
      succeeded: 'pinged',
      echo: 'not-due',
      lookAgain: (context) => context.api.testing.pingTokenIfDue(),
    },
    script: async (context) => {
      // Not seen in use for two days, in any window.
      await context.api.testing.setLastTokenUse(Date.now() - 2 * DAY_MS);
    },
    run: async (context) => {
      // globalState is shared by every window: the echo of an earlier write can put a newer use back
      // for a moment; a look that finds the ping not due marks the token unused again and looks again.
      context.lookOutcome = await context.api.testing.pingTokenIfDue();
      for (let attempt = 0; attempt < 5 && context.lookOutcome === 'not-due'; attempt++) {
        await context.api.testing.setLastTokenUse(Date.now() - 2 * DAY_MS);
        context.lookOutcome = await context.api.testing.pingTokenIfDue();
      }
    },
    assertWorked: async (context) => {
      assert.deepEqual((await context.control.log()).map((entry) => [entry.route, entry.status]), [['ping', 200]]);
      assert.ok(Date.now() - (context.api.testing.lastTokenUse() ?? 0) < DAY_MS, 'the use is recorded in the shared globalState');
      assert.equal(context.api.status, 'signedIn');
    },
  },
  {
    id: 'jwtSignIn',
    title: 'JWT sign-in (token, preview on)',
    signedIn: false,
    onServer: false,
    route: 'jwt.token',
    requiredField: 'auth_token',
    jwt: true,
    ownMessage: newSignInRefused,
    script: async (context) => {
      context.ui.tokens.push(await context.control.issueToken('alice'));
    },
    run: () => runCommand('plex.signInWithToken'),
    assertWorked: async (context) => {
      await assertSignedInAs(context, 'alice');
      const raw = await context.api.testing.readStoredSession();
      assert.ok(raw !== undefined && (JSON.parse(raw) as { jwt?: unknown }).jwt !== undefined, 'the session holds a Plex JWT');
    },
  },
  {
    id: 'jwtRenewal',
    title: 'JWT renewal',
    signedIn: true,
    onServer: false,
    route: 'jwt.token',
    requiredField: 'auth_token',
    jwt: true,
    background: {
      succeeded: 'renewed',
      echo: 'renewing-elsewhere',
      lookAgain: (context) => context.api.testing.renewJwtIfDue(),
      announcesExpiry: true,
    },
    ownMessage: (failure) => {
      if (failure === 'token-invalid') return OWN_MESSAGES.jwtRenewalRefused();
      return failure === 'jwt-rejected' ? OWN_MESSAGES.deviceKeyRefused() : undefined;
    },
    script: async (context) => {
      // A new JWT session whose Plex JWT expires in a minute: due for renewal.
      await context.control.jwt.addFlaw('expires-soon');
      context.ui.tokens.push(await context.control.issueToken('alice'));
      await runCommand('plex.signInWithToken');
      assert.equal(context.api.status, 'signedIn');
      context.ui.messages.length = 0;
      await context.control.clearLog();
    },
    run: async (context) => {
      context.lookOutcome = await context.api.testing.renewJwtIfDue();
    },
    assertWorked: async (context) => {
      const routes = (await context.control.log()).filter((entry) => entry.route !== 'jwt.keys').map((entry) => [entry.route, entry.status]);
      assert.deepEqual(routes, [['jwt.nonce', 200], ['jwt.token', 200]]);
      assert.equal(context.api.status, 'signedIn');
    },
  },
  {
    id: 'removeDevice',
    title: 'Remove device',
    signedIn: true,
    onServer: false,
    route: 'devices.remove',
    requiredField: undefined,
    script: async (context) => {
      context.device = await registerDevice(context.control, 'alice', `Matrix device ${++devicesRegistered}`);
      context.ui.removeDeviceAnswers.push(true);
    },
    run: (context) => removeDevice(context.device),
    assertWorked: async (context) => {
      const removed = context.device?.kind === 'device' ? context.device.device : undefined;
      assert.ok(removed);
      assert.ok(!(await context.control.devices('alice')).some((device) => device.id === removed.id), 'plex.tv no longer lists it');
      assert.ok(context.ui.messages.some((shown) => shown.message === `${removed.name} was removed from your Plex account.`));
      assert.equal(context.api.status, 'signedIn');
    },
  },
  {
    id: 'claimToken',
    title: 'Copy claim token',
    signedIn: true,
    onServer: false,
    route: 'claim.token',
    requiredField: 'token',
    script: async (context) => {
      await context.api.testing.claimCountdown().expireNow(); // no "get a new one?" question
      await vscode.env.clipboard.writeText(CLIPBOARD_MARK);
    },
    run: () => runCommand('plex.copyClaimToken'),
    assertWorked: async (context) => {
      const copied = await vscode.env.clipboard.readText();
      assert.match(copied, /^claim-/);
      assert.ok((await context.control.claimTokens()).some((claim) => claim.token === copied), 'plex.tv issued the copied claim token');
      assert.ok(context.api.testing.claimCountdown().text, 'the countdown shows');
      assert.equal(context.api.status, 'signedIn');
      await context.api.testing.claimCountdown().expireNow(); // no countdown outlives the case
    },
  },
  {
    id: 'linkDevice',
    title: 'Link a device',
    signedIn: true,
    onServer: false,
    route: 'pins.link',
    requiredField: undefined,
    script: async (context) => {
      context.ui.linkCodes.push((await context.control.createLinkCode()).code);
    },
    run: () => runCommand('plex.linkDevice'),
    assertWorked: async (context) => {
      const linked = (await context.control.log()).filter((entry) => entry.route === 'pins.link').at(-1);
      assert.ok(linked !== undefined && linked.status >= 200 && linked.status < 300, 'plex.tv accepted the link');
      assert.ok(context.ui.messages.some((shown) => shown.message === 'Device linked: it signs in to Plex as alice in a moment.'));
      assert.equal(context.api.status, 'signedIn');
    },
  },
  {
    id: 'switchHome',
    title: 'Switch Home user',
    signedIn: true,
    onServer: false,
    route: 'home.switch',
    requiredField: 'authToken',
    script: () => Promise.resolve(),
    run: async (context) => {
      // As a click on the user in the Plex Home view: the switch alone, no list first.
      const kids = (await context.control.homeUsers('alice')).find((user) => user.title === 'Kids');
      assert.ok(kids, 'the stand-in has Kids in alice\'s Home');
      await switchHomeUser({ id: kids.id, uuid: kids.uuid, title: kids.title, kind: 'managed', admin: false, protected: false });
    },
    assertWorked: async (context) => {
      const raw = await context.api.testing.readStoredSession();
      const stored = raw === undefined ? undefined : (JSON.parse(raw) as { homeUser?: { account: { title: string } } });
      assert.equal(stored?.homeUser?.account.title, 'Kids', 'acting as Kids');
      assert.equal(context.api.status, 'signedIn');
    },
  },
  ...WEBHOOK_ACTIONS,
  ...ACCOUNT_ACTIONS,
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A server refusing the token: the session stays, the server list may be stale. */
function serverRefusedToken(failure: FailureKind, where: string): ShownMessageRecord | undefined {
  return failure === 'token-invalid' ? OWN_MESSAGES.serverRefusedToken(where) : undefined;
}

export function actionById(id: ActionId): MatrixAction {
  const action = ACTIONS.find((candidate) => candidate.id === id);
  if (action === undefined) throw new Error(`no action ${id}`);
  return action;
}

export { CLIPBOARD_MARK };
