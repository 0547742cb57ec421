// Turns the windows' measurements into the JSON result and the markdown table, each figure next
// to its target.
import { cpus } from 'node:os';
import type { BundleSizes } from './bundle';
import {
  latencyActions,
  taskMinimums,
  type ActivationSample,
  type ControlResult,
  type LatencyAction,
  type TaskName,
  type WindowResult,
} from './results';
import type { BenchExtension } from './runtimeExtensions';
import { IMPOSTOR_DELAY_MS, PROBE_TIMEOUT_MS } from './connectionDoctorTasks';
import { summarize, type Summary } from './stats';

const KB = 1000;
const MB = 1000 * 1000;

export const targets = {
  activationAboveEmptyMs: 2,
  /** Plex's own activation cost, median: under 2 ms signed out, at most 3 ms signed in. */
  ownActivationSignedOutMs: 2,
  ownActivationSignedInMs: 3,
  extensionJsBytes: 25 * KB,
  /** node-fetch is most of the lazy dist/plex.js. */
  shippedJsBytes: 240 * KB,
  /** Room for the walkthrough's images. */
  vsixBytes: 400 * KB,
  overheadMs: 20,
  heapGrowthBytes: 5 * MB,
  /** Test Connections waits for its slowest connection up to the probe timeout, then one request. */
  testConnectionsAboveTimeoutMs: 1000,
  /** A copy past a refused and a slow connection, over the same copy with the good one alone. */
  deadAndSlowAheadMs: 100,
} as const;

export interface Figure {
  name: string;
  unit: 'ms' | 'bytes' | 'requests' | 'reads';
  value: Summary | number | undefined;
  target: string;
  met: boolean | undefined;
}

export interface BenchResult {
  generatedAt: string;
  environment: Record<string, string | number | boolean>;
  figures: { activation: Figure[]; secrets: Figure[]; bundle: Figure[]; requests: Figure[]; latency: Figure[]; memory: Figure[] };
  details: {
    bundle: BundleSizes;
    activation: Record<Phase, Record<string, Summary | undefined>>;
    requests: Record<TaskName, { counts: number[]; routes: string[] }>;
    latency: Record<LatencyAction, Record<'totalMs' | 'servingMs' | 'overheadMs', Summary | undefined>>;
  };
  windows: WindowResult[];
  controls: ControlResult[];
}

type Phase = 'signedOut' | 'signedIn' | 'signedInThreeAccounts';

function samples(windows: WindowResult[], phase: Phase, pick: (sample: ActivationSample) => number | undefined): number[] {
  // Windows measured before a phase existed have no sample of it.
  return windows.flatMap((window) => (window.activation[phase] ? [pick(window.activation[phase])] : [])).filter((value): value is number => value !== undefined);
}

function activationDetails(windows: WindowResult[], phase: Phase): Record<string, Summary | undefined> {
  const details: Record<string, Summary | undefined> = {};
  for (const extension of ['plex', 'empty', 'emptyApi', 'github'] as BenchExtension[]) {
    details[`reported.${extension}`] = summarize(samples(windows, phase, (sample) => sample.reported[extension]));
    details[`require.${extension}`] = summarize(samples(windows, phase, (sample) => sample.requireMs[extension]));
    details[`activate.${extension}`] = summarize(samples(windows, phase, (sample) => sample.activateMs[extension]));
  }
  details['reported.plexMinusEmpty'] = summarize(samples(windows, phase, (sample) => sample.reported.plex - sample.reported.empty));
  details['reported.plexMinusEmptyApi'] = summarize(samples(windows, phase, (sample) => sample.reported.plex - sample.reported.emptyApi));
  details.plexOwn = summarize(samples(windows, phase, (sample) => sample.plexOwnMs));
  return details;
}

function activationFigures(windows: WindowResult[]): Figure[] {
  const figures: Figure[] = [];
  const phases: [Phase, string][] = [
    ['signedOut', 'signed out'],
    ['signedIn', 'signed in'],
    ['signedInThreeAccounts', 'signed in, three accounts stored'],
  ];
  for (const [phase, label] of phases) {
    const reported = (extension: BenchExtension) => summarize(samples(windows, phase, (sample) => sample.reported[extension]));
    const plex = reported('plex');
    const github = reported('github');
    const aboveEmpty = summarize(samples(windows, phase, (sample) => sample.reported.plex - sample.reported.empty));
    const aboveEmptyApi = summarize(samples(windows, phase, (sample) => sample.reported.plex - sample.reported.emptyApi));
    const own = summarize(samples(windows, phase, (sample) => sample.plexOwnMs));
    const ownTarget =
      phase === 'signedOut'
        ? { target: `< ${targets.ownActivationSignedOutMs}`, met: own ? own.median < targets.ownActivationSignedOutMs : undefined }
        : { target: `<= ${targets.ownActivationSignedInMs}`, met: own ? own.median <= targets.ownActivationSignedInMs : undefined };
    figures.push(
      { name: `Plex, as VS Code reports it (${label})`, unit: 'ms', value: plex, target: '< GitHub Authentication', met: plex && github ? plex.median < github.median : undefined },
      { name: `Empty extension, same activation event (${label})`, unit: 'ms', value: reported('empty'), target: 'the floor', met: undefined },
      { name: `Empty extension that requires 'vscode', same activation event (${label})`, unit: 'ms', value: reported('emptyApi'), target: 'the floor for an extension that uses the API', met: undefined },
      { name: `GitHub Authentication, built in (${label})`, unit: 'ms', value: github, target: 'for comparison', met: undefined },
      { name: `Plex minus empty extension, same window (${label})`, unit: 'ms', value: aboveEmpty, target: `<= ${targets.activationAboveEmptyMs}`, met: aboveEmpty ? aboveEmpty.median <= targets.activationAboveEmptyMs : undefined },
      { name: `Plex minus the empty extension that requires 'vscode', same window (${label})`, unit: 'ms', value: aboveEmptyApi, target: `<= ${targets.activationAboveEmptyMs}`, met: aboveEmptyApi ? aboveEmptyApi.median <= targets.activationAboveEmptyMs : undefined },
      { name: `Plex's own cost: bundle load to activate() resolved, waits excluded (${label})`, unit: 'ms', value: own, ...ownTarget },
    );
  }
  const requireMs = (extension: BenchExtension) => summarize(samples(windows, 'signedOut', (sample) => sample.requireMs[extension]));
  figures.push(
    { name: "require() of the main file, from the extension host's marks (signed out): Plex", unit: 'ms', value: requireMs('plex'), target: 'part of the above', met: undefined },
    { name: '... the empty extension', unit: 'ms', value: requireMs('empty'), target: '', met: undefined },
    { name: "... the empty extension that requires 'vscode'", unit: 'ms', value: requireMs('emptyApi'), target: '', met: undefined },
    { name: '... GitHub Authentication', unit: 'ms', value: requireMs('github'), target: '', met: undefined },
  );
  return figures;
}

/** The device key's secret (src/auth/jwt/deviceKeyStore.ts): read when a JWT is signed for, never on activation. */
const DEVICE_KEY_SECRET = 'plex.deviceKey';

/** Which secrets each activation read: the most reads in any window, and whether any was the device key. */
function secretFigures(windows: WindowResult[]): Figure[] {
  const phases: [keyof WindowResult['activation'], string][] = [
    ['signedOut', 'signed out'],
    ['signedIn', 'signed in with a classic token'],
    ['signedInJwt', 'signed in with a Plex JWT'],
    ['signedInThreeAccounts', 'signed in with three accounts stored'],
  ];
  return phases.map(([phase, label]) => {
    const reads = windows.flatMap((window) => (window.activation[phase] ? [window.activation[phase].secretKeysRead] : []));
    const keys = [...new Set(reads.flat())];
    return {
      name: `Secrets read during activation, ${label}: ${keys.length === 0 ? 'none' : keys.join(', ')}`,
      unit: 'reads',
      value: reads.length === 0 ? undefined : Math.max(...reads.map((read) => read.length)),
      target: `never ${DEVICE_KEY_SECRET}`,
      met: reads.length === 0 ? undefined : !keys.includes(DEVICE_KEY_SECRET),
    };
  });
}

function bundleFigures(bundle: BundleSizes): Figure[] {
  return [
    { name: 'dist/extension.js (what activation loads)', unit: 'bytes', value: bundle.extensionJs, target: `<= ${targets.extensionJsBytes / KB} KB`, met: bundle.extensionJs <= targets.extensionJsBytes },
    { name: `All shipped JavaScript (${bundle.shippedJsFiles.join(', ')})`, unit: 'bytes', value: bundle.shippedJs, target: `<= ${targets.shippedJsBytes / KB} KB`, met: bundle.shippedJs <= targets.shippedJsBytes },
    { name: '.vsix', unit: 'bytes', value: bundle.vsix, target: `<= ${targets.vsixBytes / KB} KB`, met: bundle.vsix <= targets.vsixBytes },
    { name: 'GitHub Authentication dist/extension.js (built in)', unit: 'bytes', value: bundle.githubAuthenticationJs, target: 'for comparison', met: undefined },
  ];
}

function requestDetails(windows: WindowResult[]): BenchResult['details']['requests'] {
  const details = {} as BenchResult['details']['requests'];
  for (const task of Object.keys(taskMinimums) as TaskName[]) {
    const counts = windows.map((window) => window.tasks[task].count);
    const routes = [...new Set(windows.map((window) => window.tasks[task].routes.join(', ')))];
    details[task] = { counts, routes };
  }
  return details;
}

function requestFigures(windows: WindowResult[]): Figure[] {
  return (Object.entries(taskMinimums) as [TaskName, (typeof taskMinimums)[TaskName]][]).map(([task, { title, minimum, note }]) => {
    const counts = windows.map((window) => window.tasks[task].count);
    const most = Math.max(...counts);
    return {
      name: title,
      unit: 'requests',
      value: counts.length === 0 ? undefined : most,
      target: note === '' ? `${minimum}` : `${minimum} (${note})`,
      met: counts.length === 0 ? undefined : most <= minimum,
    };
  });
}

function latencyDetails(windows: WindowResult[]): BenchResult['details']['latency'] {
  const details = {} as BenchResult['details']['latency'];
  for (const action of Object.keys(latencyActions) as LatencyAction[]) {
    const pooled = windows.flatMap((window) => window.latency[action]);
    details[action] = {
      totalMs: summarize(pooled.map((sample) => sample.totalMs)),
      servingMs: summarize(pooled.map((sample) => sample.servingMs)),
      overheadMs: summarize(pooled.map((sample) => sample.overheadMs)),
    };
  }
  return details;
}

/** Which floor an action is compared with: the same kind of UI update, made by a command that does nothing else. */
const floorOf: Partial<Record<LatencyAction, LatencyAction>> = { tokenSignIn: 'floorTree', refresh: 'floorTree', copy: 'floorCopy', switchAccount: 'floorTree' };

/**
 * Timed whole, waits included: what matters is how long the connections make them take, or how
 * long the approval takes to come back (approvalFigures).
 */
const wholeActions: ReadonlySet<LatencyAction> = new Set<LatencyAction>(['testConnections', 'copyPastDeadAndSlow', 'copyGoodAlone', 'approvalCallback', 'approvalPoll']);

function latencyFigures(details: BenchResult['details']['latency']): Figure[] {
  const figures: Figure[] = [];
  for (const [action, title] of Object.entries(latencyActions) as [LatencyAction, string][]) {
    if (wholeActions.has(action)) continue;
    const overhead = details[action].overheadMs;
    const floor = floorOf[action];
    if (floor === undefined) {
      figures.push({ name: title, unit: 'ms', value: overhead, target: 'the workbench round trip any such command pays', met: undefined });
      continue;
    }
    figures.push({
      name: `${title}, overhead`,
      unit: 'ms',
      value: overhead,
      target: `< ${targets.overheadMs}`,
      met: overhead === undefined ? undefined : overhead.median < targets.overheadMs,
    });
    const floorMedian = details[floor].overheadMs?.median;
    const above = overhead === undefined || floorMedian === undefined ? undefined : overhead.median - floorMedian;
    figures.push({
      name: `${title}, overhead above its floor (median minus floor median)`,
      unit: 'ms',
      value: above,
      target: `< ${targets.overheadMs}`,
      met: above === undefined ? undefined : above < targets.overheadMs,
    });
  }
  return figures;
}

/**
 * The connection doctor's timings, whole (the stand-in's serving time is the connections' delays
 * here, so it is not taken off): Test Connections against the probe timeout and against the sum of
 * the connections' times; a copy past a refused and a slow connection against the same copy with
 * the good connection alone.
 */
function connectionFigures(details: BenchResult['details']['latency']): Figure[] {
  const tested = details.testConnections.totalMs;
  const testedLimit = PROBE_TIMEOUT_MS + targets.testConnectionsAboveTimeoutMs;
  const sum = PROBE_TIMEOUT_MS + IMPOSTOR_DELAY_MS;
  const pastDeadAndSlow = details.copyPastDeadAndSlow.totalMs;
  const goodAlone = details.copyGoodAlone.totalMs;
  const above = pastDeadAndSlow === undefined || goodAlone === undefined ? undefined : pastDeadAndSlow.median - goodAlone.median;
  return [
    {
      name: `${latencyActions.testConnections}, whole`,
      unit: 'ms',
      value: tested,
      target: `about the slowest connection up to the ${PROBE_TIMEOUT_MS} ms timeout: <= ${testedLimit} (one request more, and the UI); the sum of the connections' times is over ${sum}`,
      met: tested === undefined ? undefined : tested.median <= testedLimit,
    },
    { name: `${latencyActions.copyGoodAlone}, whole`, unit: 'ms', value: goodAlone, target: "the good connection's time, no timeout in it", met: undefined },
    { name: `${latencyActions.copyPastDeadAndSlow}, whole`, unit: 'ms', value: pastDeadAndSlow, target: 'the good one alone, plus little', met: undefined },
    {
      name: "... minus the copy with the good connection alone (median minus median)",
      unit: 'ms',
      value: above,
      target: `<= ${targets.deadAndSlowAheadMs}`,
      met: above === undefined ? undefined : above <= targets.deadAndSlowAheadMs,
    },
  ];
}

/** The browser sign-in's approval coming back: with the callback, against the poll alone. */
function approvalFigures(details: BenchResult['details']['latency']): Figure[] {
  const callback = details.approvalCallback?.totalMs;
  const poll = details.approvalPoll?.totalMs;
  return [
    { name: `${latencyActions.approvalCallback}, whole`, unit: 'ms', value: callback, target: "well under the poll's", met: callback && poll ? callback.median < poll.median / 2 : undefined },
    { name: `${latencyActions.approvalPoll}, whole`, unit: 'ms', value: poll, target: 'the next poll, up to the 2 s interval (here the approval comes right after the PIN is made: nearly all of it)', met: undefined },
  ];
}

function memoryFigures(windows: WindowResult[], controls: ControlResult[]): Figure[] {
  const growth = windows.map((window) => window.heap.afterSession - window.heap.beforeActivation);
  const controlGrowth = summarize(controls.map((control) => control.heapAfterActivation - control.heapBeforeActivation));
  const startUp = summarize(windows.map((window) => window.heap.afterActivation - window.heap.beforeActivation));
  const session = summarize(windows.map((window) => window.heap.afterSession - window.heap.afterActivation));
  // Plex's share: its activation (start-up with Plex minus start-up without it) plus the session.
  const plexShare =
    startUp && controlGrowth && session ? startUp.median - controlGrowth.median + session.median : undefined;
  const growthSummary = summarize(growth);
  return [
    { name: 'Extension host heap before activation', unit: 'bytes', value: summarize(windows.map((window) => window.heap.beforeActivation)), target: '', met: undefined },
    { name: 'Extension host heap after a full session', unit: 'bytes', value: summarize(windows.map((window) => window.heap.afterSession)), target: '', met: undefined },
    {
      name: 'Growth: after the session minus before activation (every extension in the host)',
      unit: 'bytes',
      value: growthSummary,
      target: `< ${targets.heapGrowthBytes / MB} MB`,
      met: growthSummary ? growthSummary.median < targets.heapGrowthBytes : undefined,
    },
    { name: 'of which start-up: every extension activated (Plex, git, GitHub, GitHub Authentication, ...)', unit: 'bytes', value: startUp, target: '', met: undefined },
    { name: 'of which the session (sign in, views, ten copies, refresh, Home, devices, claim, link, account token, sign out)', unit: 'bytes', value: session, target: '', met: undefined },
    { name: 'Start-up in windows without Plex (control)', unit: 'bytes', value: controlGrowth, target: '', met: undefined },
    {
      name: "Plex's share: start-up minus control, plus the session",
      unit: 'bytes',
      value: plexShare,
      target: `< ${targets.heapGrowthBytes / MB} MB`,
      met: plexShare === undefined ? undefined : plexShare < targets.heapGrowthBytes,
    },
  ];
}

export function buildResult(windows: WindowResult[], controls: ControlResult[], bundle: BundleSizes, environment: BenchResult['environment']): BenchResult {
  const latency = latencyDetails(windows);
  return {
    generatedAt: new Date().toISOString(),
    environment: { ...environment, node: process.version, cpus: cpus().length, windows: windows.length, controlWindows: controls.length },
    figures: {
      activation: activationFigures(windows),
      secrets: secretFigures(windows),
      bundle: bundleFigures(bundle),
      requests: requestFigures(windows),
      latency: [...latencyFigures(latency), ...connectionFigures(latency), ...approvalFigures(latency)],
      memory: memoryFigures(windows, controls),
    },
    details: {
      bundle,
      activation: {
        signedOut: activationDetails(windows, 'signedOut'),
        signedIn: activationDetails(windows, 'signedIn'),
        signedInThreeAccounts: activationDetails(windows, 'signedInThreeAccounts'),
      },
      requests: requestDetails(windows),
      latency,
    },
    windows,
    controls,
  };
}
