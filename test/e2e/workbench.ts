// A suite fixture for end-to-end tests: a fresh stand-in, a fresh code-server (own user data,
// the packaged extension installed by the runner), and a fresh Chromium page showing the
// workbench. A failing test leaves a screenshot in test-results/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStandIn } from '../standin/index';
import type { StandIn, StandInAccountSeed } from '../standin/types';
import { launchChromium, newWorkbenchContext } from '../harness/browser';
import { disposeOnInterrupt } from '../harness/cleanup';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { testResultsDir } from '../harness/paths';
import { currentVersion } from '../harness/vscodeVersions';
import { standInSettings } from '../harness/standInSettings';
import { workbenchUrl } from '../harness/workbenchUrl';
import { waitForWorkbench } from './ui';

/** Set by test/e2e/run.ts: an extensions dir holding the packaged extension. */
export const extensionsDirVariable = 'PLEX_E2E_EXTENSIONS_DIR';

export interface WorkbenchOptions {
  /** Extra user settings, beside plex.plexTvUrl / plex.authUrl pointing at the stand-in. */
  settings?: Record<string, unknown>;
  /** Stand-in accounts; default: the demo accounts. */
  accounts?: StandInAccountSeed[];
}

export interface Workbench {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly standIn: StandIn;
  readonly codeServer: CodeServer;
}

interface Running extends Workbench {
  browser: Browser;
  forgetStandIn: () => void;
}

function safeFileName(title: string): string {
  return title.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 150);
}

async function screenshotOnFailure(page: Page | undefined, title: string): Promise<void> {
  if (page === undefined || page.isClosed()) {
    return;
  }
  mkdirSync(testResultsDir, { recursive: true });
  const file = join(testResultsDir, `${safeFileName(title)} (VS Code ${currentVersion().vscode}).png`);
  await page.screenshot({ path: file }).then(
    () => console.log(`      screenshot: ${file}`),
    (error: unknown) => console.log(`      (no screenshot: ${String(error)})`),
  );
}

async function start(options: WorkbenchOptions): Promise<Running> {
  const extensionsDir = process.env[extensionsDirVariable];
  if (extensionsDir === undefined) {
    throw new Error(`${extensionsDirVariable} is not set: run the e2e tests with npm run test:e2e`);
  }
  const standIn = await startStandIn(options.accounts === undefined ? {} : { accounts: options.accounts });
  // code-server and Chromium register themselves; the stand-in lives in this process.
  const forgetStandIn = disposeOnInterrupt(() => standIn.close());
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    codeServer = await startCodeServer({ extensionsDir, settings: { ...standInSettings(standIn), ...options.settings } });
    browser = await launchChromium();
    const { context, page } = await newWorkbenchContext(browser, codeServer.origin);
    return { page, context, standIn, codeServer, browser, forgetStandIn };
  } catch (error) {
    await browser?.close();
    await codeServer?.stop();
    forgetStandIn();
    await standIn.close();
    throw error;
  }
}

async function stop(running: Running): Promise<void> {
  await running.browser.close().catch(() => undefined);
  await running.codeServer.stop();
  running.forgetStandIn();
  await running.standIn.close();
}

/**
 * Call inside a `suite`: starts the workbench before the suite's first test, stops it after the
 * last, and screenshots every failing test. Fields are readable from the tests.
 */
export function useWorkbench(options: WorkbenchOptions = {}): Workbench {
  let running: Running | undefined;
  const current = (): Running => {
    if (running === undefined) {
      throw new Error('The workbench is not running (used outside a test, or its start failed)');
    }
    return running;
  };

  suiteSetup(async function () {
    this.timeout(120_000);
    running = await start(options);
    await running.page.goto(workbenchUrl(running.codeServer.origin, running.codeServer.workspaceFolder));
    try {
      await waitForWorkbench(running.page);
    } catch (error) {
      await screenshotOnFailure(running.page, `${this.test?.parent?.fullTitle() ?? 'suite'} (workbench start)`);
      throw error;
    }
  });

  teardown(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshotOnFailure(running?.page, this.currentTest.fullTitle());
    }
  });

  suiteTeardown(async function () {
    this.timeout(30_000);
    if (running !== undefined) {
      await stop(running);
      running = undefined;
    }
  });

  return {
    get page() {
      return current().page;
    },
    get context() {
      return current().context;
    },
    get standIn() {
      return current().standIn;
    },
    get codeServer() {
      return current().codeServer;
    },
  };
}
