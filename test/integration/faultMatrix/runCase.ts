// Runs one action under one fault and checks what the issue asks of every case: one clear
// message, credentials unchanged (unless it is a sign-out), no progress left running, and the
// same action working again once the fault is gone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AuthStatus } from '../../../src/auth/sessionView';
import { freshStart, setSetting, signInAs, waitFor } from '../helpers';
import { CLIPBOARD_MARK, type MatrixAction } from './actions';
import { arrangeFault } from './arrange';
import type { CaseResult, Expectation, ShownMessageRecord } from './caseResult';
import type { MatrixContext } from './context';
import type { MatrixFault } from './faults';
import { assertFitToShow } from './messageChecks';
import { MatrixUi } from './matrixUi';

const SERVER_NAME = "Alice's Cloud";

export async function runCase(action: MatrixAction, fault: MatrixFault): Promise<CaseResult> {
  const base = { action: action.title, fault: fault.title };
  const notApplicable = fault.notApplicable?.(action);
  if (notApplicable !== undefined) {
    return { ...base, expected: 'not-applicable', passed: true, shown: [], note: notApplicable, durationMs: 0 };
  }
  const unaffected = fault.unaffected?.[action.id];
  // A quiet action that announces an expired session shows that one message.
  const quiet = action.quiet === true && !(action.announcesExpiry === true && fault.id === 'tokenRevoked');
  const expected: Expectation = quiet ? 'quiet' : unaffected === undefined ? 'message' : 'unaffected';
  const started = Date.now();
  let shown: ShownMessageRecord[] = [];
  let undo: (() => Promise<void>) | undefined;
  try {
    const context = await startCase(action);
    await action.script(context);
    const storedBefore = await context.api.testing.readStoredSession();
    undo = await arrangeFault(fault, action, context);
    await action.run(context);
    await settled(context);
    shown = context.ui.messages.map((message) => ({ ...message, actions: [...message.actions] }));
    const secrets = await context.control.issuedTokens();
    shown.forEach((message) => assertFitToShow(message, secrets));
    if (expected === 'unaffected') {
      await action.assertWorked(context);
      assert.deepEqual(problems(shown), [], 'no error or warning for a fault the action absorbs');
    } else if (expected === 'quiet') {
      assert.deepEqual(problems(shown), [], 'a background action shows no error or warning');
      assert.equal(await context.api.testing.readStoredSession(), storedBefore, 'the stored credentials are unchanged');
      assert.equal(context.api.status, statusAfterFault(action, fault));
    } else {
      assert.equal(shown.length, 1, `exactly one message, got: ${JSON.stringify(shown.map((message) => message.message))}`);
      assert.notEqual(shown[0].severity, 'info', 'the message is an error or a warning');
      const storedAfter = await context.api.testing.readStoredSession();
      if (action.clearsCredentials) {
        assert.equal(storedAfter, undefined, 'a sign-out removes the credentials even when plex.tv fails');
      } else {
        assert.equal(storedAfter, storedBefore, 'the stored credentials are unchanged');
      }
      assert.equal(context.api.status, statusAfterFault(action, fault));
      if (action.id === 'copyToken' || action.id === 'claimToken') {
        assert.equal(await vscode.env.clipboard.readText(), CLIPBOARD_MARK, 'nothing was copied');
      }
    }
    await undo();
    undo = undefined;
    await assertRecovers(action, context);
    return { ...base, expected, passed: true, shown, ...(unaffected === undefined ? {} : { note: unaffected }), durationMs: Date.now() - started };
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    return { ...base, expected, passed: false, shown, note, durationMs: Date.now() - started };
  } finally {
    await undo?.();
  }
}

async function startCase(action: MatrixAction): Promise<MatrixContext> {
  const { api, control } = await freshStart();
  const ui = new MatrixUi();
  api.testing.setUi(ui);
  const server = (await control.state()).servers.find((candidate) => candidate.name === SERVER_NAME);
  assert.ok(server, `the stand-in has ${SERVER_NAME}`);
  const context: MatrixContext = { api, ui, control, server };
  // Signed out here, so changing the setting offers no sign-in.
  await setSetting('jwt.enabled', action.jwt === true ? true : undefined);
  await control.jwt.reset();
  if (action.signedIn) {
    await signInAs('alice', ui, control);
    if (action.onServer) {
      ui.serverToPick = SERVER_NAME;
      await vscode.commands.executeCommand('plex.selectServer');
      assert.equal(api.testing.defaultServerId(), server.clientIdentifier);
    }
    ui.serverToPick = undefined;
  }
  ui.messages.length = 0;
  ui.questions.length = 0;
  await control.clearLog();
  return context;
}

/** Every action has settled: no progress notification, sign-in spinner or PIN poll timer left. */
async function settled(context: MatrixContext): Promise<void> {
  const { api } = context;
  await waitFor(
    `no progress left running (progress ${api.testing.activeProgress()}, poll timers ${api.testing.pendingPollTimers()}, signing in ${api.signingIn})`,
    () => api.testing.activeProgress() === 0 && api.testing.pendingPollTimers() === 0 && !api.signingIn,
    2000,
  );
}

function statusAfterFault(action: MatrixAction, fault: MatrixFault): AuthStatus {
  if (!action.signedIn || action.clearsCredentials) {
    return 'signedOut';
  }
  // plex.tv refusing the account token marks the session expired; a server refusing it does not.
  return fault.id === 'tokenRevoked' && !action.onServer ? 'expired' : 'signedIn';
}

async function assertRecovers(action: MatrixAction, context: MatrixContext): Promise<void> {
  const { api, ui, control } = context;
  ui.messages.length = 0;
  ui.questions.length = 0;
  if (action.signedIn && api.status === 'signedOut') {
    await signInAs('alice', ui, control);
    ui.messages.length = 0;
  }
  await control.clearLog();
  await action.script(context);
  await action.run(context);
  await settled(context);
  try {
    await action.assertWorked(context);
  } catch (error) {
    throw new Error(`once the fault was gone, the action still failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  assert.deepEqual(problems(ui.messages), [], 'no error or warning once the fault is gone');
}

function problems(messages: readonly ShownMessageRecord[]): string[] {
  return messages.filter((message) => message.severity !== 'info').map((message) => message.message);
}
