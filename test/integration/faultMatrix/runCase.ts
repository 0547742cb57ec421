// Runs one action under one fault and checks what every case must show: nothing unexpected (no
// error outside the failure model, no "Something went wrong" message), the fault met (the
// stand-in saw the faulted request), the expected failure named in the log, the expected message
// word for word (or none, for a background look), credentials unchanged (unless it is a
// sign-out), no progress left running, and the action working again once the fault is gone: a
// background look by its next look, with nothing scripted anew.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { freshStart, setSetting, signInAs, waitFor } from '../helpers';
import { CLIPBOARD_MARK, type MatrixAction } from './actions';
import { arrangeFault } from './arrange';
import { caseLog, caseLogNaming, namesFailure, unexpectedLines } from './caseLog';
import type { CaseResult, ShownMessageRecord } from './caseResult';
import type { MatrixContext } from './context';
import { REFUSED_ADDRESS, SERVER_NAME, UNEXPECTED_MESSAGE, expectedOutcome, type Outcome } from './expectations';
import type { MatrixFault } from './faults';
import { assertFitToShow } from './messageChecks';
import { MatrixUi } from './matrixUi';

export async function runCase(action: MatrixAction, fault: MatrixFault): Promise<CaseResult> {
  const outcome = expectedOutcome(action, fault);
  const base = {
    action: action.title,
    fault: fault.title,
    expected: outcome.expected,
    ...(outcome.expected === 'message' || outcome.expected === 'quiet' ? { failure: outcome.failure } : {}),
    ...(outcome.expected === 'message' ? { expectedMessage: outcome.message } : {}),
  };
  if (outcome.expected === 'not-applicable') {
    return { ...base, passed: true, shown: [], note: outcome.reason, durationMs: 0 };
  }
  const started = Date.now();
  let shown: ShownMessageRecord[] = [];
  let undo: (() => Promise<void>) | undefined;
  try {
    const context = await startCase(action);
    await action.script(context);
    const storedBefore = await context.api.testing.readStoredSession();
    const accountsBefore = shownAccounts(context);
    undo = await arrangeFault(fault, action, context);
    await action.run(context);
    await settled(context);
    shown = context.ui.messages.map((message) => ({ ...message, actions: [...message.actions] }));
    const log = await caseLogNaming(context, outcome.expected === 'unaffected' ? undefined : outcome.failure);
    assertNothingUnexpected(shown, log);
    const secrets = await context.control.issuedTokens();
    shown.forEach((message) => assertFitToShow(message, secrets));
    await assertFaultMet(fault, action, context);
    if (outcome.expected === 'unaffected') {
      await action.assertWorked(context);
      assert.deepEqual(problems(shown), [], 'no error or warning for a fault the action absorbs');
    } else {
      assert.ok(namesFailure(log, outcome.failure), `the log names no ${outcome.failure} failure`);
      if (outcome.expected === 'quiet') {
        assert.deepEqual(problems(shown), [], 'a background look shows no error or warning');
        assert.equal(context.lookOutcome, outcome.status === 'expired' ? 'expired' : 'failed', 'what the look answered');
      } else {
        const expected = { ...outcome.message, message: outcome.message.message.replace(REFUSED_ADDRESS, context.refusedAddress ?? REFUSED_ADDRESS) };
        assert.deepEqual(shown, [expected], 'the message the user sees');
      }
      await assertNothingLost(action, outcome, context, storedBefore);
      if (action.keepsActiveAccount) {
        assert.deepEqual(shownAccounts(context), accountsBefore, 'the active account and the others, as shown');
      }
    }
    await undo();
    undo = undefined;
    if (outcome.expected === 'quiet' && outcome.status !== 'expired') {
      await assertLooksAgain(action, context);
    } else {
      await assertRecovers(action, context);
    }
    assertNothingUnexpected([], await caseLog(context));
    return { ...base, passed: true, shown, ...(outcome.expected === 'unaffected' ? { note: outcome.reason } : {}), durationMs: Date.now() - started };
  } catch (error) {
    const note = error instanceof Error ? error.message : String(error);
    return { ...base, passed: false, shown, note, durationMs: Date.now() - started };
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
  // Signed out here, so changing the setting offers no sign-in.
  await setSetting('jwt.enabled', action.jwt === true ? true : undefined);
  await control.jwt.reset();
  if (action.signedIn) {
    await signInAs(action.account ?? 'alice', ui, control);
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
  return { api, ui, control, server, logStart: (await api.testing.logText()).length };
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

/** A bug met anywhere in the case fails it, whatever else looks right: the catch-all message, or an unexpected error in the log. */
function assertNothingUnexpected(shown: readonly ShownMessageRecord[], log: string): void {
  const found = [
    ...shown.filter((message) => UNEXPECTED_MESSAGE.test(message.message)).map((message) => `the message "${message.message}"`),
    ...unexpectedLines(log).map((line) => `the log line "${line.trim()}"`),
  ];
  assert.deepEqual(found, [], `an unexpected error: ${found.join('; ')}`);
}

/** The stand-in saw the faulted request, and answered it as the fault says. */
async function assertFaultMet(fault: MatrixFault, action: MatrixAction, context: MatrixContext): Promise<void> {
  if (action.makesNoRequest !== undefined) {
    // The fault was in place; the action sent nothing for it to meet.
    assert.deepEqual(await context.control.log(), [], 'the action sent no request');
    return;
  }
  const { make } = fault;
  if (make.kind !== 'rule') {
    return; // a refused connection never reaches the stand-in; the log names the network failure
  }
  const route = make.route?.(action) ?? action.route;
  const server = action.onServer ? context.server.clientIdentifier : undefined;
  const faulted = (await context.control.log()).filter((entry) => entry.route === route && (server === undefined || entry.host === server)).at(-1);
  assert.ok(faulted, `the stand-in saw no ${route} request: the fault was never met`);
  if (fault.answers !== undefined) {
    assert.equal(faulted.status, fault.answers, `the stand-in's answer to the ${route} request`);
  }
}

/** The active account and the others signed in beside it, as the extension shows them. */
function shownAccounts(context: MatrixContext): unknown {
  return { active: context.api.testing.accountUsername(), others: context.api.testing.inactiveAccounts() };
}

/** Credentials, status and clipboard are as the failure leaves them. */
async function assertNothingLost(
  action: MatrixAction,
  outcome: Extract<Outcome, { status: unknown }>,
  context: MatrixContext,
  storedBefore: string | undefined,
): Promise<void> {
  const storedAfter = await context.api.testing.readStoredSession();
  if (action.clearsCredentials) {
    assert.equal(storedAfter, undefined, 'a sign-out removes the credentials even when plex.tv fails');
  } else {
    assert.equal(storedAfter, storedBefore, 'the stored credentials are unchanged');
  }
  assert.equal(context.api.status, outcome.status, 'the session status');
  if (action.id === 'copyToken' || action.id === 'claimToken') {
    assert.equal(await vscode.env.clipboard.readText(), CLIPBOARD_MARK, 'nothing was copied');
  }
}

/** With the fault gone, the background look's next run does its job, with nothing scripted anew. */
async function assertLooksAgain(action: MatrixAction, context: MatrixContext): Promise<void> {
  const look = action.background;
  assert.ok(look, `${action.title} is not a background look`);
  const { ui, control } = context;
  ui.messages.length = 0;
  await control.clearLog();
  let answered = await look.lookAgain(context);
  // The echo of the failed look's own globalState writes may arrive for a moment: that look makes no request.
  for (const deadline = Date.now() + 5000; answered === look.echo && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    answered = await look.lookAgain(context);
  }
  assert.equal(answered, look.succeeded, 'the next look, with the fault gone');
  try {
    await action.assertWorked(context);
  } catch (error) {
    throw new Error(`the next look, with the fault gone, did not do its job: ${error instanceof Error ? error.message : String(error)}`);
  }
  assert.deepEqual(problems(ui.messages), [], 'no error or warning once the fault is gone');
}

async function assertRecovers(action: MatrixAction, context: MatrixContext): Promise<void> {
  const { api, ui, control } = context;
  ui.messages.length = 0;
  ui.questions.length = 0;
  if (action.signedIn && api.status === 'signedOut') {
    await signInAs(action.account ?? 'alice', ui, control);
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
