// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { disposeOnInterrupt } from './cleanup';
import { chromiumPath } from './systemDeps';

/**
 * --no-sandbox: these machines run as root. The network flags stop Chromium's own background
 * connections, which this machine's closed network refuses by the dozen.
 */
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Playwright's own SIGTERM handler only closes the browser and lets the process run on (the next
 * suite would start another), so interruption goes through cleanup.ts instead. Playwright still
 * kills the browser's process group when the process exits.
 */
export async function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: options.headless ?? true,
    args: chromiumFlags,
    timeout: 60_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const forget = disposeOnInterrupt(() => browser.close());
  browser.on('disconnected', forget);
  return browser;
}

export interface WorkbenchPage {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh context (own storage, so own secrets) allowed to use the clipboard on `origin`. The
 * window is a laptop's 1280 x 900: tall enough that the Plex side bar's five views show the
 * Account view's rows without scrolling, as the journeys read them.
 */
export async function newWorkbenchContext(browser: Browser, origin: string): Promise<WorkbenchPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  return { context, page };
}
