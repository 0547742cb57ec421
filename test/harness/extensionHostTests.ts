// Runs an extension's tests module in the workbench's extension host, the way VS Code's own
// browser integration tests do: the `payload` names the development extension and the tests
// module; the page reports the host's log through codeAutomationLog and the result through
// codeAutomationExit (0 when run() resolved, 1 when it threw).
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { newWorkbenchContext } from './browser';
import type { CodeServer } from './codeServer';
import { withTimeout } from './waitFor';
import { workbenchUrl, type DevelopmentPayload } from './workbenchUrl';

export interface ExtensionHostTestOptions extends Required<DevelopmentPayload> {
  timeoutMs: number;
  /** Rejects when the run can no longer finish (e.g. the extension host died); ends the wait early. */
  failed?: Promise<never>;
  /** Receives each formatted log line (the mocha reporter's output among them). */
  onLog: (level: string, text: string) => void;
}

export async function runExtensionHostTests(browser: Browser, codeServer: CodeServer, options: ExtensionHostTestOptions): Promise<number> {
  const { context, page } = await newWorkbenchContext(browser, codeServer.origin);
  try {
    let reportExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => {
      reportExit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    // Arguments arrive as console arguments: a printf-style format string and its values.
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown[]) => options.onLog(level, format(...args)));
    page.on('pageerror', (error) => options.onLog('error', `[page] ${error.message}`));
    const pageCrashed = new Promise<never>((_, reject) => page.once('crash', () => reject(new Error('The workbench page crashed'))));

    await page.goto(workbenchUrl(codeServer.origin, codeServer.workspaceFolder, options));
    const finished = Promise.race([exitCode, pageCrashed, ...(options.failed === undefined ? [] : [options.failed])]);
    return await withTimeout(finished, options.timeoutMs, 'the extension host tests to finish (codeAutomationExit)');
  } finally {
    await context.close();
  }
}
