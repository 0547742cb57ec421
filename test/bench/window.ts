// One fresh bench window: its own stand-in, its own code-server (fresh user data, the shared
// extensions dir), a fresh browser context (fresh secrets) with the page clock installed.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { disposeOnInterrupt } from '../harness/cleanup';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { standInSettings } from '../harness/standInSettings';
import { waitFor } from '../harness/waitFor';
import { workbenchUrl } from '../harness/workbenchUrl';
import { runCommand, waitForWorkbench } from '../e2e/ui';
import { startStandIn } from '../standin/index';
import { benchAccounts } from './connectionDoctorTasks';
import type { StandIn } from '../standin/types';
import { installPageClock } from './pageClock';
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
} from './probeReport';

export interface BenchWindow {
  readonly standIn: StandIn;
  readonly codeServer: CodeServer;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Loads (or reloads) the workbench and waits for the probe's activation report. */
  load(): Promise<ActivationReport>;
  reload(): Promise<ActivationReport>;
  /** Runs "Plex Bench: Record Heap" and returns the extension host's heap after a full GC. */
  recordHeap(): Promise<number>;
  /**
   * Runs Plex's token upkeep look (what its timer runs a minute after start-up, then hourly) and
   * returns its outcome; `lastUseDayAgo` first marks the token as last used 25 hours ago.
   */
  upkeepLook(options: { lastUseDayAgo: boolean }): Promise<string>;
  /** What the window's user settings file holds now. */
  userSettings(): Record<string, unknown>;
  /** With profiling on: (re)starts the extension host's CPU profile. */
  startProfile(): Promise<void>;
  /** With profiling on: saves the CPU profile since the last start to `target`. */
  saveProfile(target: string): Promise<void>;
  readonly profiling: boolean;
  close(): Promise<void>;
}

/** Tall enough that the Running Extensions list shows every extension without scrolling. */
const viewport = { width: 1280, height: 1400 };

function readJsonWhenPresent<T>(file: string, what: string): Promise<T> {
  return waitFor(() => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined), {
    description: what,
    timeoutMs: 90_000,
    intervalMs: 50,
  });
}

export interface BenchWindowOptions {
  extensionsDir: string;
  /** Profile the extension host (slows everything: the timings are then not representative). */
  profile: boolean;
}

export async function openBenchWindow(browser: Browser, options: BenchWindowOptions): Promise<BenchWindow> {
  const { extensionsDir } = options;
  const reportDir = mkdtempSync(join(tmpdir(), 'plex-bench-report-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(reportDir, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    forgetInterrupt();
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => console.error(`bench cleanup: ${String(error)}`));
    }
  };
  const forgetInterrupt = disposeOnInterrupt(close);
  try {
    const standIn = await startStandIn({ accounts: benchAccounts });
    cleanups.push(() => standIn.close());
    const codeServer = await startCodeServer({
      extensionsDir,
      env: { [reportDirVariable]: reportDir, ...(options.profile ? { [profileVariable]: '1' } : {}) },
      settings: standInSettings(standIn),
    });
    cleanups.push(() => codeServer.stop());
    const context = await browser.newContext({ viewport });
    cleanups.push(() => context.close());
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: codeServer.origin });
    await installPageClock(context);
    const page = await context.newPage();

    const activationFile = join(reportDir, activationReportFile);
    const heapFile = join(reportDir, heapReportFile);
    const upkeepFile = join(reportDir, upkeepReportFile);
    const userSettingsFile = join(codeServer.userDataDir, 'User', 'settings.json');
    const savedProfile = join(reportDir, profileFile);
    const afterLoad = async (): Promise<ActivationReport> => {
      await waitForWorkbench(page);
      return readJsonWhenPresent<ActivationReport>(activationFile, "the probe's activation report");
    };
    return {
      standIn,
      codeServer,
      context,
      page,
      async load() {
        rmSync(activationFile, { force: true });
        await page.goto(workbenchUrl(codeServer.origin, codeServer.workspaceFolder));
        return afterLoad();
      },
      async reload() {
        rmSync(activationFile, { force: true });
        await page.reload();
        return afterLoad();
      },
      async recordHeap() {
        rmSync(heapFile, { force: true });
        await runCommand(page, 'Plex Bench: Record Heap');
        return (await readJsonWhenPresent<HeapReport>(heapFile, "the probe's heap report")).heapUsed;
      },
      async upkeepLook({ lastUseDayAgo }) {
        rmSync(upkeepFile, { force: true });
        await runCommand(page, lastUseDayAgo ? 'Plex Bench: Token Upkeep Look After a Day Unused' : 'Plex Bench: Token Upkeep Look Now');
        return (await readJsonWhenPresent<UpkeepReport>(upkeepFile, "the probe's upkeep report")).outcome;
      },
      userSettings() {
        return JSON.parse(readFileSync(userSettingsFile, 'utf8')) as Record<string, unknown>;
      },
      profiling: options.profile,
      async startProfile() {
        await runCommand(page, 'Plex Bench: Start Profile');
      },
      async saveProfile(target) {
        rmSync(savedProfile, { force: true });
        await runCommand(page, 'Plex Bench: Save Profile');
        await waitFor(() => existsSync(savedProfile) || undefined, { description: 'the saved CPU profile', timeoutMs: 60_000 });
        copyFileSync(savedProfile, target);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
