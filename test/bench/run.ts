// `npm run bench`: measures activation, bundle, requests per task, added latency and memory in
// real VS Code (code-server + headless Chromium) against the stand-in, and writes
// docs/performance.json and docs/performance.md. A tool, not a test: nothing here
// fails on a timing.
//   --windows N   fresh windows to take medians over (default 5)
//   --quick       one window, results to test-results/bench/ (a smoke run; docs/ untouched)
//   --out DIR     where to write performance.json and performance.md
//   --render      only rewrite performance.md from the performance.json in the output dir
//                 (after editing test/bench/findings.md)
//   --profile     also CPU-profile the extension host (activation, first copy, refresh, token
//                 sign-in) into test-results/bench/profiles/; slows everything, so the results
//                 go to test-results/bench/ unless --out says otherwise
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { disposeOnInterrupt } from '../harness/cleanup';
import { codeServerVersion, ensureCodeServer } from '../harness/codeServerInstall';
import { repoRoot, testResultsDir } from '../harness/paths';
import { measureBundles } from './bundle';
import { installBenchExtensions } from './extensions';
import { renderMarkdown } from './markdown';
import { buildResult, type BenchResult } from './report';
import type { ControlResult, WindowResult } from './results';
import { runBenchWindow } from './session';
import { openBenchWindow } from './window';

interface Options {
  render: boolean;
  windows: number;
  quick: boolean;
  profile: boolean;
  outDir: string;
}

function parseOptions(args: string[]): Options {
  const valueOf = (flag: string): string | undefined => {
    const index = args.indexOf(flag);
    if (index === -1) return undefined;
    const value = args[index + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    return value;
  };
  const quick = args.includes('--quick');
  const profile = args.includes('--profile');
  const windows = Number(valueOf('--windows') ?? (quick ? 1 : 5));
  if (!Number.isInteger(windows) || windows < 1) {
    throw new Error('--windows must be a positive integer');
  }
  const out = valueOf('--out');
  const outDir = out !== undefined ? resolve(out) : quick || profile ? join(testResultsDir, 'bench') : join(repoRoot, 'docs');
  return { render: args.includes('--render'), windows, quick, profile, outDir };
}

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

const profilesDir = join(testResultsDir, 'bench', 'profiles');

async function runWindows(browser: Browser, extensionsDir: string, options: Options): Promise<WindowResult[]> {
  const results: WindowResult[] = [];
  const count = options.windows;
  if (options.profile) {
    rmSync(profilesDir, { recursive: true, force: true });
    mkdirSync(profilesDir, { recursive: true });
  }
  for (let index = 1; index <= count; index++) {
    const started = Date.now();
    log(`window ${index}/${count}`);
    const window = await openBenchWindow(browser, { extensionsDir, profile: options.profile });
    try {
      const profiles = options.profile ? { dir: profilesDir, prefix: `window-${index}-` } : undefined;
      results.push(await runBenchWindow(window, (line) => log(`  ${line}`), profiles));
    } catch (error) {
      mkdirSync(testResultsDir, { recursive: true });
      const screenshot = join(testResultsDir, `bench-window-${index}.png`);
      await window.page.screenshot({ path: screenshot }).then(
        () => log(`  failed; screenshot ${screenshot}`),
        () => undefined,
      );
      throw error;
    } finally {
      await window.close();
    }
    log(`  window ${index} done in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return results;
}

/** Windows without Plex, load only: the heap the rest of the start-up adds (see report.ts). */
async function runControlWindows(browser: Browser, extensionsDir: string, count: number): Promise<ControlResult[]> {
  const results: ControlResult[] = [];
  for (let index = 1; index <= count; index++) {
    const window = await openBenchWindow(browser, { extensionsDir, profile: false });
    try {
      const report = await window.load();
      results.push({ heapBeforeActivation: report.heapBeforeActivation, heapAfterActivation: report.heapAfterActivation });
    } finally {
      await window.close();
    }
  }
  log(`memory control: ${count} window${count === 1 ? '' : 's'} without Plex`);
  return results;
}

const findingsFile = join(repoRoot, 'test', 'bench', 'findings.md');

function renderOnly(outDir: string): void {
  const result = JSON.parse(readFileSync(join(outDir, 'performance.json'), 'utf8')) as BenchResult;
  writeFileSync(join(outDir, 'performance.md'), renderMarkdown(result, findingsFile));
  log(`rewrote ${join(outDir, 'performance.md')} from performance.json`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.render) {
    renderOnly(options.outDir);
    return;
  }
  const started = Date.now();
  await ensureCodeServer();
  const workRoot = mkdtempSync(join(tmpdir(), 'plex-bench-'));
  disposeOnInterrupt(() => rmSync(workRoot, { recursive: true, force: true }));
  let browser: Browser | undefined;
  try {
    const installed = await installBenchExtensions(workRoot);
    const bundle = await measureBundles(installed.plexVsixBytes);
    log(`packaged and installed Plex, the empty extension and the probe in ${Math.round((Date.now() - started) / 1000)} s`);
    browser = await launchChromium();
    const windows = await runWindows(browser, installed.extensionsDir, options);
    const controls = await runControlWindows(browser, installed.controlExtensionsDir, options.windows);
    const result = buildResult(windows, controls, bundle, { codeServer: codeServerVersion, vscode: '1.100.3', quick: options.quick, profiled: options.profile });
    mkdirSync(options.outDir, { recursive: true });
    writeFileSync(join(options.outDir, 'performance.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(options.outDir, 'performance.md'), renderMarkdown(result, findingsFile));
    log(`wrote ${join(options.outDir, 'performance.md')} and performance.json in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await browser?.close().catch(() => undefined);
    rmSync(workRoot, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
