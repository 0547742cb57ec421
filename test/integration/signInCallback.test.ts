// The browser sign-in that returns by itself: the approval page's forwardUrl brings the browser
// back to VS Code, and the URI handler's callback makes the sign-in read its PIN at once. URIs are
// delivered the way the workbench delivers the callback page's (opening the extension's own-scheme
// URI in the workbench reaches its URI handler), which is also how any web page or extension can
// send a forged one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandInControl } from '../standin/controlClient';
import { EXTENSION_ID, extensionApi, freshStart, storedSession, waitFor } from './helpers';
import type { ScriptedUi } from './scriptedUi';
import { jwtOff, jwtStart, signedInWithJwt } from './jwtHelpers';
import type { PlexTestingApi } from './testingApi';

const POLL_INTERVAL_MS = 2_000;
const IGNORED_LINE = 'Ignored a URI sent to this extension';
const SIGNING_IN = 'Signing in to Plex';

/** The approval page's fragment parameters (`#?clientID=…&code=…&forwardUrl=…`). */
function fragmentOf(url: string): URLSearchParams {
  return new URLSearchParams(new URL(url).hash.replace(/^#\?/, ''));
}

/**
 * The URI the handler receives for a forwardUrl: the URL itself when the host kept its own scheme
 * (desktop), else what the workbench's callback page rebuilds from the https form VS Code for the
 * web and code-server give (`/callback?vscode-scheme=…&vscode-authority=…&vscode-path=…&vscode-query=…`).
 */
function handlerUri(forwardUrl: string): vscode.Uri {
  const url = new URL(forwardUrl);
  const scheme = url.searchParams.get('vscode-scheme');
  if ((url.protocol === 'http:' || url.protocol === 'https:') && scheme !== null) {
    return vscode.Uri.from({
      scheme,
      authority: url.searchParams.get('vscode-authority') ?? '',
      path: url.searchParams.get('vscode-path') ?? '',
      query: url.searchParams.get('vscode-query') ?? '',
    });
  }
  return vscode.Uri.parse(forwardUrl);
}

/**
 * Opens `uri` in the workbench (vscode.open: the opener service, whose URL opener hands the
 * product's own scheme to the URI handlers as trusted, as the callback page's URI is). Not
 * vscode.env.openExternal: in a browser workbench that navigates the page to the URI instead.
 */
async function deliver(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.open', uri);
}

/** Approves the PIN on the stand-in's approval page, as the user's click does; returns where the page sends the browser. */
async function approveOnThePage(control: StandInControl, approvalUrl: string, username: string): Promise<string | null> {
  const fragment = fragmentOf(approvalUrl);
  const { authUrl } = await control.state();
  const response = await fetch(new URL('/auth/approve', authUrl), {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ code: fragment.get('code') ?? '', clientID: fragment.get('clientID') ?? '', username, forwardUrl: fragment.get('forwardUrl') ?? '' }),
  });
  await response.arrayBuffer();
  assert.equal(response.status, 303, 'the page sends the browser on after approval');
  return response.headers.get('location');
}

function ignoredLines(text: string): number {
  return text.split('\n').filter((line) => line.includes(IGNORED_LINE)).length;
}

/** Delivers `uri` and waits for its one "ignored" log line. */
async function deliverIgnored(api: { testing: PlexTestingApi }, uri: vscode.Uri): Promise<string> {
  const before = ignoredLines(await api.testing.logText());
  await deliver(uri);
  let text = '';
  await waitFor('the ignored callback to be logged', async () => ignoredLines((text = await api.testing.logText())) > before);
  assert.equal(ignoredLines(text), before + 1, 'one log line');
  return text.split('\n').filter((line) => line.includes(IGNORED_LINE)).at(-1) ?? '';
}

async function startBrowserSignIn(ui: ScriptedUi): Promise<{ signingIn: Thenable<unknown>; approvalUrl: string; callback: vscode.Uri }> {
  const signingIn = vscode.commands.executeCommand('plex.signInWithBrowser');
  await waitFor('the approval page to open', () => ui.openedUrls.length === 1);
  const approvalUrl = ui.openedUrls[0] ?? '';
  const forwardUrl = fragmentOf(approvalUrl).get('forwardUrl');
  assert.ok(forwardUrl, `the approval page's URL carries forwardUrl: ${new URL(approvalUrl).origin}`);
  return { signingIn, approvalUrl, callback: handlerUri(forwardUrl) };
}

suite('Sign-in callback: the browser sign-in returns by itself', () => {
  // A failed test may leave its sign-in waiting; the next one starts its own.
  teardown(async () => {
    const { testing } = await extensionApi();
    testing.cancelProgress(SIGNING_IN);
    await waitFor('no sign-in running', () => testing.pendingPollTimers() === 0 && testing.activeProgress() === 0);
  });

  test('the sign-in page carries forwardUrl to this extension (PIN id and a random value, no token), and the callback signs in before the poll', async () => {
    const { api, ui, control } = await freshStart();
    const { signingIn, approvalUrl, callback } = await startBrowserSignIn(ui);

    assert.equal(callback.scheme, vscode.env.uriScheme);
    assert.equal(callback.authority, EXTENSION_ID);
    assert.equal(callback.path, '/signIn');
    const query = new URLSearchParams(callback.query);
    const [created] = await control.log();
    assert.equal(created?.route, 'pins.create');
    assert.deepEqual([...query.keys()].filter((key) => key !== 'windowId'), ['pin', 'state']);
    assert.match(query.get('state') ?? '', /^[\w-]{43}$/, '32 random bytes, base64url');
    assert.notEqual(query.get('state'), fragmentOf(approvalUrl).get('code'), 'not the PIN code');

    const location = await approveOnThePage(control, approvalUrl, 'alice');
    const approvedAt = Date.now();
    assert.equal(location, fragmentOf(approvalUrl).get('forwardUrl'));
    await deliver(handlerUri(location ?? ''));
    await waitFor('signed in', () => api.status === 'signedIn');
    const approvalToSignedInMs = Date.now() - approvedAt;
    await signingIn;

    assert.equal(api.testing.accountUsername(), 'alice');
    const log = await control.log();
    assert.deepEqual(
      log.map((entry) => entry.route),
      ['pins.create', 'auth-page', 'pins.check', 'user'],
      'one PIN read, after the callback: no poll ran',
    );
    const check = log.find((entry) => entry.route === 'pins.check');
    assert.equal(check?.path, `/api/v2/pins/${query.get('pin')}`, 'the callback named this PIN');
    assert.ok((check?.time ?? Infinity) - (created?.time ?? 0) < POLL_INTERVAL_MS, 'the PIN was read before the first poll was due');
    assert.equal(api.testing.pendingPollTimers(), 0);
    console.log(`    approval to signed in with the callback: ${approvalToSignedInMs} ms`);

    const token = (await storedSession(api))?.token ?? '';
    assert.ok(token !== '' && !approvalUrl.includes(token) && !(location ?? '').includes(token), 'no token in the sign-in URL or the redirect');
    const logText = await api.testing.logText();
    assert.ok(!logText.includes(query.get('state') ?? '-'), "the log never holds the callback's random value");
    assert.deepEqual(await control.violations(), []);
  });

  test('forged callbacks (unknown PIN id, wrong random value, after the sign-in ended) are ignored: one log line each, no request', async () => {
    const { api, ui, control } = await freshStart();
    const { signingIn, callback } = await startBrowserSignIn(ui);
    const query = new URLSearchParams(callback.query);
    const pin = Number(query.get('pin'));
    const state = query.get('state') ?? '';
    const forge = (changes: Record<string, string>): vscode.Uri =>
      callback.with({ query: new URLSearchParams({ ...Object.fromEntries(query), ...changes }).toString() });

    // Right after a poll, so a request the forgeries made would come well before the next one.
    await waitFor('the first poll', async () => (await control.log()).some((entry) => entry.route === 'pins.check'), 10_000);
    const unknown = await deliverIgnored(api, forge({ pin: String(pin + 1) }));
    assert.match(unknown, /\(\/signIn\): no browser sign-in is waiting for that PIN\.$/);
    const wrong = await deliverIgnored(api, forge({ state: Buffer.alloc(32, 1).toString('base64url') }));
    assert.match(wrong, /\(\/signIn\): the random value does not match the sign-in's\.$/);
    const short = await deliverIgnored(api, forge({ state: state.slice(0, 10) }));
    assert.match(short, /the random value does not match/);
    await waitFor('the next poll', async () => (await control.log()).filter((entry) => entry.route === 'pins.check').length >= 2, 10_000);
    const checks = (await control.log()).filter((entry) => entry.route === 'pins.check').map((entry) => entry.time);
    checks.slice(1).forEach((time, index) => assert.ok(time - (checks[index] ?? 0) >= POLL_INTERVAL_MS - 100, `PIN reads only at the poll's pace: ${JSON.stringify(checks)}`));
    assert.equal(api.status, 'signedOut');
    assert.ok(api.signingIn, 'the sign-in still waits');

    api.testing.cancelProgress(SIGNING_IN);
    await signingIn;
    await waitFor('the sign-in to end', () => !api.signingIn && api.testing.pendingPollTimers() === 0);
    await control.clearLog();
    const ended = await deliverIgnored(api, callback);
    assert.match(ended, /that sign-in has ended\.$/);
    const other = await deliverIgnored(api, callback.with({ path: '/somewhere/else' }));
    assert.match(other, /\(\/somewhere\/else\): the extension handles no such path\.$/);
    assert.deepEqual(await control.log(), [], 'no request');
    assert.equal(api.status, 'signedOut');

    const logText = await api.testing.logText();
    assert.ok(!logText.includes(state), "the log never holds the callback's random value");
    assert.ok(!logText.includes(`pin=${pin}`), 'nor its query');
  });

  test('the poll still signs in when the browser does not come back', async () => {
    const { api, ui, control } = await freshStart();
    const { signingIn, approvalUrl } = await startBrowserSignIn(ui);
    await approveOnThePage(control, approvalUrl, 'alice');
    await signingIn;

    assert.equal(api.status, 'signedIn');
    assert.deepEqual(
      (await control.log()).map((entry) => entry.route),
      ['pins.create', 'auth-page', 'pins.check', 'user'],
    );
  });
});

/** Signs out through the command (confirmed), so the next sign-in starts from the same place. */
async function signOutConfirmed(api: { status: string }, ui: ScriptedUi): Promise<void> {
  ui.confirmSignOutAnswer = true;
  await vscode.commands.executeCommand('plex.signOut');
  await waitFor('signed out', () => api.status === 'signedOut');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

suite('Sign-in callback: approval to signed in, with the callback and with the poll only', () => {
  teardown(async () => {
    const { testing } = await extensionApi();
    testing.cancelProgress(SIGNING_IN);
    await waitFor('no sign-in running', () => testing.pendingPollTimers() === 0 && testing.activeProgress() === 0);
  });

  test('the callback signs in well under the poll (approvals spread evenly over the poll interval)', async function () {
    this.timeout(120_000);
    const runs = 5;
    const { api, ui, control } = await freshStart();
    const measure = async (withCallback: boolean, run: number): Promise<number> => {
      ui.openedUrls.length = 0;
      const { signingIn, approvalUrl } = await startBrowserSignIn(ui);
      // Not a wait for a condition: the moment the user approves, spread over the poll interval
      // (the poll's wait starts as the page opens), so the poll-only figure is its median, ~1 s.
      await new Promise((resolve) => setTimeout(resolve, ((run + 0.5) * POLL_INTERVAL_MS) / runs));
      const approvedAt = Date.now();
      if (withCallback) {
        await deliver(handlerUri((await approveOnThePage(control, approvalUrl, 'alice')) ?? ''));
      } else {
        // A browser that does not come back: the approval only.
        await control.approvePin({ code: fragmentOf(approvalUrl).get('code') ?? '' }, 'alice');
      }
      await waitFor('signed in', () => api.status === 'signedIn', 10_000);
      const elapsed = Date.now() - approvedAt;
      await signingIn;
      await signOutConfirmed(api, ui);
      return elapsed;
    };
    const callback: number[] = [];
    const pollOnly: number[] = [];
    for (let run = 0; run < runs; run++) {
      callback.push(await measure(true, run));
      pollOnly.push(await measure(false, run));
    }
    console.log(`    approval to signed in, ${runs} runs each (ms): callback median ${median(callback)} [${callback.join(', ')}]; poll only median ${median(pollOnly)} [${pollOnly.join(', ')}]`);
    assert.ok(median(callback) < median(pollOnly), 'the callback is faster than the poll');
    assert.ok(Math.max(...callback) < POLL_INTERVAL_MS, 'no callback sign-in waited for a poll');
  });
});

suite('Sign-in callback: the JWT preview', () => {
  suiteTeardown(jwtOff);

  test("the JWT browser sign-in's PIN comes back the same way: one PIN read after the callback", async () => {
    const { api, ui, control } = await jwtStart();
    const { signingIn, approvalUrl } = await startBrowserSignIn(ui);
    const location = await approveOnThePage(control, approvalUrl, 'alice');
    await deliver(handlerUri(location ?? ''));
    await signingIn;

    const stored = await signedInWithJwt(api, control);
    assert.equal(stored.method, 'browser');
    const routes = (await control.log()).map((entry) => entry.route);
    assert.equal(routes.filter((route) => route === 'jwt.pins.check').length, 1, routes.join(','));
    const log = await control.log();
    const created = log.find((entry) => entry.route === 'jwt.pins.create');
    const check = log.find((entry) => entry.route === 'jwt.pins.check');
    assert.ok((check?.time ?? Infinity) - (created?.time ?? 0) < POLL_INTERVAL_MS, 'read before the first poll was due');
  });
});
