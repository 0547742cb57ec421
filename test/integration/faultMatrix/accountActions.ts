// The accounts actions of the fault matrix: Add Account (a token sign-in of bob while alice is
// signed in: the fault meets bob's account read, and alice stays signed in and active unless the
// add succeeded) and Switch Account (between alice and bob: it makes no request, so the fault,
// armed on plex.tv's account read, is never met and the switch takes effect with none).
import * as assert from 'node:assert/strict';
import type { FailureKind } from '../../../src/plex/failure';
import type { ShownMessageRecord } from './caseResult';
import { runCommand } from './commands';
import type { MatrixContext } from './context';
import { OWN_MESSAGES } from './expectations';
import type { MatrixAction } from './actions';

/** The account added beside alice. */
const ADDED = 'bob';

/** The secret as it is stored: the active account at the top level, the others under `otherAccounts`. */
interface StoredLayout {
  account: { username: string };
  otherAccounts?: { account: { username: string } }[];
}

async function storedAccounts(context: MatrixContext): Promise<[string | undefined, string[]]> {
  const raw = await context.api.testing.readStoredSession();
  const layout = raw === undefined ? undefined : (JSON.parse(raw) as StoredLayout);
  return [layout?.account.username, (layout?.otherAccounts ?? []).map((other) => other.account.username)];
}

/** Active `active`, with `others` signed in beside it: as shown, and as stored. */
async function assertAccounts(context: MatrixContext, active: string, others: string[]): Promise<void> {
  const { api } = context;
  assert.equal(api.status, 'signedIn');
  assert.equal(api.testing.accountUsername(), active, 'the active account');
  assert.deepEqual(api.testing.inactiveAccounts(), others.map((username) => ({ username, expired: false })), 'the other accounts');
  assert.deepEqual(await storedAccounts(context), [active, others], 'the stored accounts');
}

/** Signs `username` in beside the active account, through Plex: Sign In to Another Account with a pasted token. */
async function addAccountWithToken(context: MatrixContext, username: string): Promise<void> {
  context.ui.signInMethod = 'token';
  context.ui.tokens.push(await context.control.issueToken(username));
  await runCommand('plex.addAccount');
}

/** Who Switch Account switches from and to in this run, kept on the context between script and assertWorked. */
const switches = new WeakMap<MatrixContext, { from: string; to: string }>();

export const ACCOUNT_ACTIONS: MatrixAction[] = [
  {
    id: 'addAccount',
    title: 'Add account (token, while signed in)',
    signedIn: true,
    onServer: false,
    route: 'user',
    requiredField: 'username',
    keepsActiveAccount: true,
    // The pasted token is the new account's: its refusal is worded as the token sign-in's, and alice is untouched.
    ownMessage: (failure: FailureKind): ShownMessageRecord | undefined => (failure === 'token-invalid' ? OWN_MESSAGES.pastedTokenRefused() : undefined),
    script: async (context) => {
      context.ui.signInMethod = 'token';
      context.ui.tokens.push(await context.control.issueToken(ADDED));
    },
    run: () => runCommand('plex.addAccount'),
    assertWorked: async (context) => {
      await assertAccounts(context, ADDED, ['alice']);
      assert.ok(context.ui.messages.some((shown) => shown.message === `Signed in to Plex as ${ADDED}.`), 'told who is signed in');
    },
  },
  {
    id: 'switchAccount',
    title: 'Switch account',
    signedIn: true,
    onServer: false,
    // Were switching to read anything, it would read the account: the fault waits there.
    route: 'user',
    requiredField: 'username',
    makesNoRequest: 'switching makes no request: the fault, armed on plex.tv\'s account read, is never met, and the switch takes effect with 0 requests',
    script: async (context) => {
      const { api, ui, control } = context;
      if (api.testing.inactiveAccounts().length === 0) {
        await addAccountWithToken(context, ADDED);
        await assertAccounts(context, ADDED, ['alice']);
      }
      const from = api.testing.accountUsername();
      const to = api.testing.inactiveAccounts()[0]?.username;
      assert.ok(from !== undefined && to !== undefined, 'two accounts are signed in');
      switches.set(context, { from, to });
      ui.accountToPick = to;
      ui.messages.length = 0;
      ui.questions.length = 0;
      ui.flashed.length = 0;
      await control.clearLog();
    },
    run: () => runCommand('plex.switchAccount'),
    assertWorked: async (context) => {
      const switched = switches.get(context);
      assert.ok(switched, 'the script chose the accounts');
      assert.deepEqual(await context.control.log(), [], 'switching makes no request');
      await assertAccounts(context, switched.to, [switched.from]);
      assert.deepEqual(context.ui.questions, [`account:*${switched.from},${switched.to}`], 'asked which account, the active one marked');
      assert.deepEqual(context.ui.flashed, [`$(account) Plex: ${switched.to}`], 'the status bar says which account is active now');
    },
  },
];
