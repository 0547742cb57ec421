// The bench's helper inside the extension host (see ../run.ts). It activates on `*`, before the
// onStartupFinished extensions, so its first heap reading comes before Plex activates; then it
// waits for Plex and the empty extensions, activates GitHub Authentication the way VS Code does
// (a silent getSession), and reports. Without PLEX_BENCH_REPORT_DIR it does nothing.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import {
  activationReportFile,
  heapReportFile,
  profileFile,
  profileVariable,
  reportDirVariable,
  upkeepReportFile,
  type ActivationReport,
  type HeapReport,
  type UpkeepReport,
} from '../probeReport';
import { FloorTree } from './floorTree';
import { ExtensionHostProfiler } from './profiler';

const plexId = 'plex-vscode.plex-vscode';
const emptyId = 'plex-vscode.plex-bench-empty';
const emptyApiId = 'plex-vscode.plex-bench-empty-api';
const activationDeadlineMs = 60_000;

/** A full GC before each reading, so the figure is live objects, not garbage waiting for collection. */
function settledHeap(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Written whole, then renamed: the runner never reads half a file. */
function writeReport(dir: string, file: string, report: ActivationReport | HeapReport | UpkeepReport): void {
  const target = join(dir, file);
  writeFileSync(`${target}.tmp`, JSON.stringify(report));
  renameSync(`${target}.tmp`, target);
}

async function whenActive(id: string): Promise<vscode.Extension<unknown>> {
  const deadline = Date.now() + activationDeadlineMs;
  for (;;) {
    const extension = vscode.extensions.getExtension(id);
    if (extension?.isActive) {
      return extension;
    }
    if (Date.now() > deadline) {
      throw new Error(`${id} did not activate within ${activationDeadlineMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function activationTimeMs(exports: unknown): number | undefined {
  const value = typeof exports === 'object' && exports !== null ? (exports as { activationTimeMs?: unknown }).activationTimeMs : undefined;
  return typeof value === 'number' ? value : undefined;
}

function secretKeysRead(exports: unknown): string[] | undefined {
  const value = typeof exports === 'object' && exports !== null ? (exports as { secretKeysRead?: unknown }).secretKeysRead : undefined;
  return Array.isArray(value) ? value.map(String) : undefined;
}

/** Plex's token upkeep look, run by the clocked build's bench command (clocked-build/benchCommands.ts). */
const plexUpkeepLook = 'plexBench.plexUpkeepLook';
const dayAndHourMs = 25 * 60 * 60 * 1000;

async function upkeepLook(dir: string, lastTokenUseAgeMs: number | undefined): Promise<void> {
  const outcome = await vscode.commands.executeCommand<unknown>(plexUpkeepLook, { lastTokenUseAgeMs });
  writeReport(dir, upkeepReportFile, { outcome: String(outcome) });
}

async function requestGithubSession(): Promise<string> {
  try {
    await vscode.authentication.getSession('github', ['read:user'], { silent: true });
    return 'answered';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** VS Code keeps its performance marks on globalThis (vs/base/common/performance); Date.now() based in Node. */
function extHostMarks(): { name: string; startTime: number }[] {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
  return (marks?.getMarks() ?? []).filter((mark) => mark.name.startsWith('code/extHost/'));
}

async function reportActivation(dir: string, heapBeforeActivation: number): Promise<void> {
  // The memory control windows run without Plex installed.
  const plexInstalled = vscode.extensions.getExtension(plexId) !== undefined;
  const [plex] = await Promise.all([plexInstalled ? whenActive(plexId) : undefined, whenActive(emptyId), whenActive(emptyApiId)]);
  const githubSessionRequest = await requestGithubSession();
  writeReport(dir, activationReportFile, {
    heapBeforeActivation,
    heapAfterActivation: settledHeap(),
    plexActivationTimeMs: plex === undefined ? undefined : activationTimeMs(plex.exports),
    plexSecretKeysRead: plex === undefined ? undefined : secretKeysRead(plex.exports),
    githubSessionRequest,
    extHostMarks: extHostMarks(),
  });
}

export function activate(context: vscode.ExtensionContext): void {
  const profiler = new ExtensionHostProfiler();
  if (process.env[profileVariable] === '1') {
    // Before anything else, so the profile covers the onStartupFinished activations.
    void profiler.start();
  }
  const heapBeforeActivation = settledHeap();
  const dir = process.env[reportDirVariable];
  if (dir === undefined || dir === '') {
    return;
  }
  const floorTree = new FloorTree();
  context.subscriptions.push(
    vscode.commands.registerCommand('plexBench.startProfile', () => profiler.start()),
    vscode.commands.registerCommand('plexBench.saveProfile', () => profiler.save(join(dir, profileFile))),
    vscode.commands.registerCommand('plexBench.recordHeap', () => writeReport(dir, heapReportFile, { heapUsed: settledHeap() })),
    // The floor for a copy's latency: a command that does nothing but write the clipboard.
    vscode.commands.registerCommand('plexBench.copyText', () => vscode.env.clipboard.writeText('plex-bench')),
    floorTree,
    vscode.window.registerTreeDataProvider('plexBench.floor', floorTree),
    vscode.commands.registerCommand('plexBench.updateTree', () => floorTree.update()),
    vscode.commands.registerCommand('plexBench.upkeepLook', () => upkeepLook(dir, undefined)),
    vscode.commands.registerCommand('plexBench.upkeepLookLastUseDayAgo', () => upkeepLook(dir, dayAndHourMs)),
  );
  reportActivation(dir, heapBeforeActivation).catch((error: unknown) => console.error(`plex bench probe: ${String(error)}`));
}

export function deactivate(): void {
  // Nothing to release: the command is in context.subscriptions.
}
