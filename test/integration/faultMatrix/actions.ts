// The user actions the fault matrix crosses with faults: how to script, run and check each one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandInRoute } from '../../standin/types';
import { registerDevice } from '../deviceHelpers';
import type { MatrixContext } from './context';

export type ActionId =
  | 'browser'
  | 'password'
  | 'twoFactor'
  | 'token'
  | 'refresh'
  | 'listServers'
  | 'copyToken'
  | 'sourceInfo'
  | 'signOut'
  | 'ping'
  | 'jwtSignIn'
  | 'jwtRenewal'
  | 'removeDevice'
  | 'claimToken'
  | 'linkDevice'
  | 'switchHome';

export interface MatrixAction {
  id: ActionId;
  title: string;
  /** Signed in as alice before the action runs; otherwise it starts signed out. */
  signedIn: boolean;
  /** Acts on a Plex Media Server (else only plex.tv is involved). */
  onServer: boolean;
  /** The stand-in route a fault goes on. */
  route: StandInRoute;
  /** The field the missing-field and wrong-type faults break; undefined: the answer has no body. */
  requiredField: string | undefined;
  /** A fault for the two-factor step is added when the code is asked for, not before. */
  faultAtVerificationCode?: boolean;
  /** Runs in the background: no message for any fault, nothing lost, tried again later. */
  quiet?: boolean;
  /** Runs with the JWT preview on (plex.jwt.enabled); a signed-in start is then a JWT session. */
  jwt?: boolean;
  /** A quiet action that still says so when plex.tv refuses the token (the session expires). */
  announcesExpiry?: boolean;
  /** A deliberate sign-out clears the credentials even when plex.tv fails. */
  clearsCredentials?: boolean;
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

/** As a Servers view row passes it: the server's client identifier. */
function serverArgument(context: MatrixContext): { serverId: string } | undefined {
  return context.clickedServer && { serverId: context.clickedServer.clientIdentifier };
}

export const ACTIONS: readonly MatrixAction[] = [
  {
    id: 'browser',
    title: 'Browser sign-in',
    signedIn: false,
    onServer: false,
    route: 'pins.create',
    requiredField: 'code',
    script: (context) => context.control.setPinAutoApproval(1, 'alice'),
    run: async () => {
      await vscode.commands.executeCommand('plex.signInWithBrowser');
    },
    assertWorked: (context) => assertSignedInAs(context, 'alice'),
  },
  {
    id: 'password',
    title: 'Password sign-in',
    signedIn: false,
    onServer: false,
    route: 'signin',
    requiredField: 'authToken',
    script: async (context) => {
      context.ui.logins.push('carol');
      context.ui.passwords.push('carol-password');
    },
    run: async () => {
      await vscode.commands.executeCommand('plex.signInWithPassword');
    },
    assertWorked: (context) => assertSignedInAs(context, 'carol'),
  },
  {
    id: 'twoFactor',
    title: 'Two-factor step',
    signedIn: false,
    onServer: false,
    route: 'signin',
    requiredField: 'authToken',
    faultAtVerificationCode: true,
    script: async (context) => {
      context.ui.logins.push('bob');
      context.ui.passwords.push('bob-password');
      context.ui.codes.push('123456');
    },
    run: async () => {
      await vscode.commands.executeCommand('plex.signInWithPassword');
    },
    assertWorked: (context) => assertSignedInAs(context, 'bob'),
  },
  {
    id: 'token',
    title: 'Token sign-in',
    signedIn: false,
    onServer: false,
    route: 'user',
    requiredField: 'username',
    script: async (context) => {
      context.ui.tokens.push(await context.control.issueToken('alice'));
    },
    run: async () => {
      await vscode.commands.executeCommand('plex.signInWithToken');
    },
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
    run: async () => {
      await vscode.commands.executeCommand('plex.refresh');
    },
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
    run: async () => {
      await vscode.commands.executeCommand('plex.selectServer');
    },
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
    script: () => Promise.resolve(vscode.env.clipboard.writeText(CLIPBOARD_MARK)),
    run: async (context) => {
      await vscode.commands.executeCommand('plex.copyTransientToken', serverArgument(context));
    },
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
    script: () => Promise.resolve(vscode.commands.executeCommand('workbench.action.closeAllEditors')).then(() => undefined),
    run: async (context) => {
      await vscode.commands.executeCommand('plex.showSourceConnectionInformation', serverArgument(context));
    },
    assertWorked: async (context) => {
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.scheme, 'plex-source', 'the information is shown');
      assert.match(document.getText(), new RegExp(context.server.clientIdentifier));
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
    script: async (context) => {
      context.ui.confirmSignOutAnswer = true;
    },
    run: async () => {
      await vscode.commands.executeCommand('plex.signOut');
    },
    assertWorked: async (context) => {
      assert.equal(context.api.status, 'signedOut');
      assert.equal(await context.api.testing.readStoredSession(), undefined);
      assert.ok(context.ui.messages.some((shown) => shown.message === 'Signed out of Plex.'), 'the token was revoked');
    },
  },
  {
    id: 'ping',
    title: 'Token upkeep (daily ping)',
    signedIn: true,
    onServer: false,
    route: 'ping',
    requiredField: undefined,
    quiet: true,
    script: async (context) => {
      // Not seen in use for two days, in any window.
      await context.api.testing.setLastTokenUse(Date.now() - 2 * DAY_MS);
    },
    run: async (context) => {
      // globalState is shared by every window: the echo of an earlier write can put a newer use back
      // for a moment; a look that finds the ping not due marks the token unused again and looks again.
      for (let attempt = 0; attempt < 5 && (await context.api.testing.pingTokenIfDue()) === 'not-due'; attempt++) {
        await context.api.testing.setLastTokenUse(Date.now() - 2 * DAY_MS);
      }
    },
    assertWorked: async (context) => {
      assert.deepEqual((await context.control.log()).map((entry) => [entry.route, entry.status]), [['ping', 200]]);
      assert.ok(Date.now() - (context.api.testing.lastTokenUse() ?? 0) < DAY_MS, 'the use is recorded for every window');
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
    script: async (context) => {
      context.ui.tokens.push(await context.control.issueToken('alice'));
    },
    run: async () => {
      await vscode.commands.executeCommand('plex.signInWithToken');
    },
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
    quiet: true,
    announcesExpiry: true,
    script: async (context) => {
      // A new JWT session whose Plex JWT expires in a minute: due for renewal.
      await context.control.jwt.addFlaw('expires-soon');
      context.ui.tokens.push(await context.control.issueToken('alice'));
      await vscode.commands.executeCommand('plex.signInWithToken');
      assert.equal(context.api.status, 'signedIn');
      context.ui.messages.length = 0;
      await context.control.clearLog();
    },
    run: async (context) => {
      await context.api.testing.renewJwtIfDue();
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
    run: async (context) => {
      await vscode.commands.executeCommand('plex.removeDevice', context.device);
    },
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
    run: async () => {
      await vscode.commands.executeCommand('plex.copyClaimToken');
    },
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
    run: async () => {
      await vscode.commands.executeCommand('plex.linkDevice');
    },
    assertWorked: async (context) => {
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
      const user = { id: kids.id, uuid: kids.uuid, title: kids.title, kind: 'managed', admin: false, protected: false };
      await vscode.commands.executeCommand('plex.switchHomeUser', { userUuid: user.uuid });
    },
    assertWorked: async (context) => {
      const raw = await context.api.testing.readStoredSession();
      const stored = raw === undefined ? undefined : (JSON.parse(raw) as { homeUser?: { account: { title: string } } });
      assert.equal(stored?.homeUser?.account.title, 'Kids', 'acting as Kids');
      assert.equal(context.api.status, 'signedIn');
    },
  },
];

const DAY_MS = 24 * 60 * 60 * 1000;

export { CLIPBOARD_MARK };
