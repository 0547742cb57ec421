// One bench window, start to finish: activation signed out, every task whose requests are
// counted, the timed actions, the heap after a full session, the connection doctor (as dave) and
// the webhooks (as carol), two more accounts beside carol (the browser sign-in's approval timed
// with the callback and with the poll only, Switch Account, activation with the three stored),
// activation signed in after a reload, token upkeep, the JWT preview's
// sign-in and renewal, and activation signed in with a Plex JWT after a second reload. Steps drive the real UI (Playwright, test/e2e/ui.ts) against
// the packaged extension.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { answerQuickInput, clickActivityBarItem, clickTreeRowAction, runCommand, waitForStatusBarItem, waitForTreeRow } from '../e2e/ui';
import { runAccountTasks, signOutAddedAccounts } from './accountTasks';
import { runAccountToolTasks } from './accountToolTasks';
import { runConnectionDoctorTasks } from './connectionDoctorTasks';
import { watchedAt, watchRows, type RowCondition } from './pageClock';
import type { ActivationReport } from './probeReport';
import { settledLog, taskRequests, type TaskRequests } from './requests';
import type { ActivationSample, LatencyAction, LatencySample, TaskName, WindowResult } from './results';
import { readActivationTimes, type BenchExtension } from './runtimeExtensions';
import { browserSignIn, clipboardWritten, counted, passwordSignIn, setPaneExpanded, showExplorer, signOut, timed } from './steps';
import { runJwtTasks, runUpkeepTasks } from './tokenKeepingTasks';
import type { BenchWindow } from './window';
import { runWebhookTasks } from './webhookTasks';

const extensionIds: Record<BenchExtension, string> = {
  plex: 'plex-vscode.plex-vscode',
  empty: 'plex-vscode.plex-bench-empty',
  emptyApi: 'plex-vscode.plex-bench-empty-api',
  github: 'vscode.github-authentication',
};

const copies = 10;
const floorSamples = 3;
const library = "Alice's Library";

function markSpan(report: ActivationReport, id: string, from: string, to: string): number | undefined {
  const at = (name: string) => report.extHostMarks.find((mark) => mark.name === `code/extHost/${name}/${id}`)?.startTime;
  const start = at(from);
  const end = at(to);
  return start === undefined || end === undefined ? undefined : end - start;
}

async function activationSample(window: BenchWindow, report: ActivationReport): Promise<ActivationSample> {
  const reported = await readActivationTimes(window.page);
  const requests = taskRequests(await settledLog(window.standIn));
  const requireMs: ActivationSample['requireMs'] = {};
  const activateMs: ActivationSample['activateMs'] = {};
  for (const [key, id] of Object.entries(extensionIds) as [BenchExtension, string][]) {
    requireMs[key] = markSpan(report, id, 'willLoadExtensionCode', 'didLoadExtensionCode');
    activateMs[key] = markSpan(report, id, 'willActivateExtension', 'didActivateExtension');
  }
  const origin = report.extHostMarks[0]?.startTime ?? 0;
  const ids = [...Object.values(extensionIds), 'plex-vscode.plex-bench-probe'];
  const timeline = report.extHostMarks
    .filter((mark) => ids.some((id) => mark.name.endsWith(`/${id}`)) || mark.name.startsWith('code/extHost/willActivateExtension/'))
    .map((mark) => ({ name: mark.name.replace('code/extHost/', ''), atMs: mark.startTime - origin }));
  return { reported, plexOwnMs: report.plexActivationTimeMs, requireMs, activateMs, requests, secretKeysRead: report.plexSecretKeysRead ?? [], timeline };
}

function rowsShown(page: Page, id: string, rows: RowCondition[]): { watch: () => Promise<void>; end: () => Promise<number | undefined> } {
  return { watch: () => watchRows(page, id, rows), end: () => watchedAt(page, id) };
}

/** Where --profile puts this window's CPU profiles; the profiler itself lives in the probe. */
interface Profiles {
  dir: string;
  prefix: string;
}

/** With profiling on, runs `work` inside its own profile named `name` (already running: `started`). */
async function profiled<T>(window: BenchWindow, profiles: Profiles | undefined, name: string, work: () => Promise<T>, started = false): Promise<T> {
  if (!window.profiling || profiles === undefined) {
    return work();
  }
  if (!started) {
    await window.startProfile();
  }
  const result = await work();
  await window.saveProfile(join(profiles.dir, `${profiles.prefix}${name}.cpuprofile`));
  return result;
}

export async function runBenchWindow(window: BenchWindow, log: (line: string) => void, profiles?: Profiles): Promise<WindowResult> {
  const { page, standIn } = window;
  const tasks: Partial<Record<TaskName, TaskRequests>> = {};
  const latency: Record<LatencyAction, LatencySample[]> = {
    tokenSignIn: [],
    refresh: [],
    copy: [],
    floorCopy: [],
    floorTree: [],
    testConnections: [],
    copyPastDeadAndSlow: [],
    copyGoodAlone: [],
    switchAccount: [],
    approvalCallback: [],
    approvalPoll: [],
  };

  standIn.clearLog();
  const signedOutReport = await window.load();
  const signedOut = await profiled(window, profiles, 'activation-signed-out', () => activationSample(window, signedOutReport), true);
  tasks.activationSignedOut = signedOut.requests;
  log(`activation (signed out): Plex ${signedOut.reported.plex} ms, empty ${signedOut.reported.empty} ms, empty+API ${signedOut.reported.emptyApi} ms, GitHub Authentication ${signedOut.reported.github} ms`);

  // The workbench's own round trip for a command that updates a tree (the probe's view sits in
  // the Explorer, which shows at start-up).
  await setPaneExpanded(page, 'Plex Bench Floor', true);
  await waitForTreeRow(page, 'update 0', 'Plex Bench Floor');
  for (let update = 1; update <= floorSamples; update++) {
    const floor = rowsShown(page, `floor-${update}`, [{ pane: 'Plex Bench Floor', text: `update ${update}` }]);
    await floor.watch();
    latency.floorTree.push((await timed(window, 'mousedown', () => runCommand(page, 'Plex Bench: Update Tree'), floor.end)).latency);
  }

  // Sign-ins run from the command palette with the Explorer showing, so no Plex view loads
  // anything on the side and each count is the sign-in's alone.
  tasks.browserSignIn = await counted(standIn, () => browserSignIn(window), { excludePolls: true });

  // First look at the Plex views, then fold Servers and Plex Home away so "opening the account
  // view" below shows the Account view alone (Devices starts collapsed).
  await clickActivityBarItem(page, 'Plex');
  await waitForTreeRow(page, /Username\s*alice/, 'Account');
  await waitForTreeRow(page, library, 'Servers');
  await waitForTreeRow(page, /^Kids/, 'Plex Home');
  await setPaneExpanded(page, 'Servers', false);
  await setPaneExpanded(page, 'Plex Home', false);
  await signOut(page);

  await showExplorer(page);
  tasks.passwordSignIn = await counted(standIn, () => passwordSignIn(page, 'alice@example.com', 'alice-password'));
  tasks.accountView = await counted(standIn, async () => {
    await clickActivityBarItem(page, 'Plex');
    await waitForTreeRow(page, /Username\s*alice/, 'Account');
  });
  tasks.serversView = await counted(standIn, async () => {
    await setPaneExpanded(page, 'Servers', true);
    await waitForTreeRow(page, library, 'Servers');
  });

  for (let copy = 1; copy <= copies; copy++) {
    const result = await profiled(window, copy === 1 ? profiles : undefined, 'first-copy', () =>
      timed(window, 'mousedown', () => clickTreeRowAction(page, library, 'Copy Transient Token', 'Servers'), clipboardWritten(page, true)),
    );
    latency.copy.push(result.latency);
    if (copy === 1) tasks.firstCopy = result.requests;
    if (copy === 2) tasks.secondCopy = result.requests;
  }
  for (let copy = 1; copy <= floorSamples; copy++) {
    latency.floorCopy.push((await timed(window, 'mousedown', () => runCommand(page, 'Plex Bench: Copy Text'), clipboardWritten(page, false))).latency);
  }

  // The refreshed answers differ from the cached ones, so the trees visibly update.
  standIn.addFault({ route: 'user', fault: { kind: 'set-field', field: 'email', value: 'alice+refreshed@example.com' }, times: 1 });
  standIn.addFault({ route: 'resources', fault: { kind: 'set-field', field: 'name', value: 'Refreshed Library' }, times: 1 });
  const refreshed = rowsShown(page, 'refresh', [
    { pane: 'Account', text: 'alice+refreshed@example.com' },
    { pane: 'Servers', text: 'Refreshed Library' },
  ]);
  await refreshed.watch();
  const refresh = await profiled(window, profiles, 'refresh', () => timed(window, 'mousedown', () => runCommand(page, 'Plex: Refresh'), refreshed.end));
  tasks.refresh = refresh.requests;
  latency.refresh.push(refresh.latency);

  await setPaneExpanded(page, 'Servers', false);
  Object.assign(tasks, await runAccountToolTasks(window));
  tasks.signOut = await counted(standIn, () => signOut(page));
  const heapAfterSession = await window.recordHeap();

  tasks.passwordTwoFactor = await counted(standIn, () => passwordSignIn(page, 'bob@example.com', 'bob-password', '123456'));
  await signOut(page);

  const doctor = await runConnectionDoctorTasks(window);
  Object.assign(tasks, doctor.tasks);
  Object.assign(latency, doctor.latency);

  const tokenSignIn = await profiled(window, profiles, 'token-sign-in', async () => {
    await runCommand(page, 'Plex: Sign In with Token');
    const token = standIn.issueToken('carol');
    const signedIn = rowsShown(page, 'token', [{ pane: 'Account', text: 'carol@example.com' }]);
    await signedIn.watch();
    return timed(window, 'enter', () => answerQuickInput(page, token, { prompt: 'Paste an existing Plex account token' }), signedIn.end);
  });
  tasks.tokenSignIn = tokenSignIn.requests;
  latency.tokenSignIn.push(tokenSignIn.latency);
  await waitForStatusBarItem(page, 'carol');
  Object.assign(tasks, await runWebhookTasks(window));

  // Three accounts: two more signed in beside carol with the browser, switched between, then a
  // reload with all three stored; signing out of the two added leaves carol alone again.
  const accounts = await runAccountTasks(window);
  tasks.switchAccount = accounts.switchAccount;
  Object.assign(latency, accounts.latency);
  await showExplorer(page);
  standIn.clearLog();
  const threeAccountsReport = await window.reload();
  const signedInThreeAccounts = await profiled(window, profiles, 'activation-three-accounts', () => activationSample(window, threeAccountsReport), true);
  tasks.activationSignedInThreeAccounts = signedInThreeAccounts.requests;
  log(`activation (signed in, three accounts stored): Plex ${signedInThreeAccounts.reported.plex} ms, own ${signedInThreeAccounts.plexOwnMs ?? '?'} ms; secrets read: ${signedInThreeAccounts.secretKeysRead.join(', ')}`);
  log(`switch account: ${accounts.latency.switchAccount.map((sample) => sample.overheadMs.toFixed(1)).join(', ')} ms; approval to signed in: callback ${accounts.latency.approvalCallback[0]?.totalMs.toFixed(0)} ms, poll only ${accounts.latency.approvalPoll[0]?.totalMs.toFixed(0)} ms`);
  await signOutAddedAccounts(window);

  // Signed in, Explorer showing: a reload is a fresh extension host starting with a stored session.
  await showExplorer(page);
  standIn.clearLog();
  const signedInReport = await window.reload();
  const signedInSample = await profiled(window, profiles, 'activation-signed-in', () => activationSample(window, signedInReport), true);
  tasks.activationSignedIn = signedInSample.requests;
  log(`activation (signed in): Plex ${signedInSample.reported.plex} ms, empty ${signedInSample.reported.empty} ms, empty+API ${signedInSample.reported.emptyApi} ms, GitHub Authentication ${signedInSample.reported.github} ms`);

  // Right after the reload, well before the timer's first look a minute after start-up.
  Object.assign(tasks, await runUpkeepTasks(window), await runJwtTasks(window));
  standIn.clearLog();
  const signedInJwtReport = await window.reload();
  const signedInJwt = await activationSample(window, signedInJwtReport);
  tasks.activationSignedInJwt = signedInJwt.requests;
  log(`activation (signed in with a Plex JWT): Plex ${signedInJwt.reported.plex} ms; secrets read: ${signedInJwt.secretKeysRead.join(', ')}`);

  return {
    activation: { signedOut, signedIn: signedInSample, signedInJwt, signedInThreeAccounts },
    heap: { beforeActivation: signedOutReport.heapBeforeActivation, afterActivation: signedOutReport.heapAfterActivation, afterSession: heapAfterSession },
    tasks: tasks as Record<TaskName, TaskRequests>,
    latency,
  };
}
