// Bundles the extension into three minified files: dist/extension.js (what activation loads),
// dist/commands.js (the command code, required when a command first runs) and dist/plex.js (the
// service layer with node-fetch, required on the first network request).
//
// --probe builds only the bench's Plex instead: dist/extension.js's code with the activation clock
// around activate() (test/bench/clocked-build/), written to out/probe-dist/extension.js. The bench
// installs it over the packaged dist/extension.js; nothing shipped contains the clock.
//
// --under-test builds the extension folder the integration tests load (out/extension-under-test/):
// the manifest and the shipped dist/commands.js and dist/plex.js (run `npm run build` first), with
// a main built from test/integration/host/extension.ts, which composes the same modules as
// dist/extension.js on the tests' host port. The build fails if the two mains differ in any module
// but their entries.
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { staleBundleMessage } from './l10nBundle.mjs';
import { testingNamesIn, testingNamesMessage } from './testingNames.mjs';

const watch = process.argv.includes('--watch');
const probe = process.argv.includes('--probe');
const underTest = process.argv.includes('--under-test');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'info',
};

/**
 * esbuild turns each module's `import * as vscode from 'vscode'` into its own copy of the API
 * object (__toESM copies every property: 26 modules x ~300 names, most of the bundle's load time
 * on activation; measured by npm run bench, see docs/performance.md). Resolving 'vscode' to one
 * module whose export only inherits from the API leaves nothing to copy; lookups go through the
 * prototype.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({
      contents: 'module.exports = Object.create(require("vscode"));',
      loader: 'js',
    }));
  },
};

/**
 * node-fetch's fetch-blob falls back to a 60 KB web streams polyfill when Node lacks
 * `node:stream/web`. Every Node that VS Code ships has it (Node 16.5 and later), so the fallback
 * resolves to the built-in module instead of the polyfill.
 */
const builtInWebStreams = {
  name: 'built-in-web-streams',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/|$)/ }, () => ({ path: 'web-streams', namespace: 'built-in-web-streams' }));
    build.onLoad({ filter: /.*/, namespace: 'built-in-web-streams' }, () => ({
      contents: 'module.exports = require("node:stream/web");',
      loader: 'js',
    }));
  },
};

// './commands.js' and './plex.js' stay runtime requires, so activation loads neither.
const activationBundle = { ...common, external: ['./commands.js', './plex.js'], plugins: [vscodeOnce] };
const builds = [
  { ...activationBundle, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/commands/index.ts'], outfile: 'dist/commands.js', external: ['./plex.js'], plugins: [vscodeOnce] },
  { ...common, entryPoints: ['src/plex/index.ts'], outfile: 'dist/plex.js', external: ['vscode'], plugins: [builtInWebStreams] },
];

/**
 * Modules both dist/extension.js and dist/commands.js may contain: they keep no state and define
 * no class that is checked with instanceof, so two copies behave as one. Anything else in both
 * would split its state in two (for example the running-progress set), so the build fails.
 */
const SHARED_STATELESS = new Set([
  'src/config.ts',
  'src/userOnlySettings.ts',
  'src/ui/plainText.ts',
  'src/tokenShape.ts',
  'src/walkthrough.ts',
  'src/walkthroughKeys.ts',
  'src/views/sourceScheme.ts',
  'src/auth/tokenUse.ts',
  'src/auth/storedSession.ts',
  'src/ui/homeUserIcon.ts',
  // One failure model in every bundle: recognised by a Symbol.for brand, never by class identity.
  'src/plex/failure.ts',
  'src/plex/types.ts',
  'vscode-once:vscode',
]);

function checkNoSharedState(results) {
  const sources = (result) => new Set(Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs)));
  const [activation, commands] = results.slice(0, 2).map(sources);
  const shared = [...commands].filter((input) => activation.has(input) && !SHARED_STATELESS.has(input));
  if (shared.length > 0) {
    throw new Error(
      `dist/extension.js and dist/commands.js both contain ${shared.join(', ')}: pass the instance through Core ` +
        '(src/commands/services.ts), import only its types, or, if it keeps no state, add it to SHARED_STATELESS.',
    );
  }
}

/** Budgets count KB of 1000 bytes, as npm run bench reports them (docs/performance.md), so the two agree. */
const KB = 1000;

/**
 * The size budgets, in bytes: what activation loads (dist/extension.js) stays small so the
 * extension is the lightest of its kind to start; all shipped JavaScript together stays bounded
 * (node-fetch is most of dist/plex.js). docs/performance.md reports them.
 */
const BUDGETS = [
  { what: 'dist/extension.js (what activation loads)', files: ['dist/extension.js'], maxBytes: 25 * KB },
  { what: 'all shipped JavaScript', files: ['dist/extension.js', 'dist/commands.js', 'dist/plex.js'], maxBytes: 240 * KB },
];

function budgetMessages(results) {
  const bytes = new Map(results.flatMap((result) => Object.entries(result.metafile.outputs)).map(([file, output]) => [file, output.bytes]));
  return BUDGETS.flatMap(({ what, files, maxBytes }) => {
    const total = files.reduce((sum, file) => sum + (bytes.get(file) ?? 0), 0);
    return total > maxBytes ? [`${what} is ${(total / KB).toFixed(1)} KB, over its budget of ${maxBytes / KB} KB.`] : [];
  });
}

const UNDER_TEST_DIR = 'out/extension-under-test';
const UNDER_TEST_ENTRY = 'test/integration/host/extension.ts';

/** What only dist/extension.js has: its entry and the workbench's host port. */
const SHIPPED_MAIN_ONLY = new Set(['src/extension.ts', 'src/workbenchHost.ts']);

/** The modules of the integration tests' main and of dist/extension.js must be the same, entries and host ports aside. */
function checkSameModules(tested, shipped) {
  const modules = (result) =>
    new Set(
      Object.values(result.metafile.outputs)
        .flatMap((output) => Object.keys(output.inputs))
        .filter((input) => !SHIPPED_MAIN_ONLY.has(input) && !input.startsWith('test/')),
    );
  const [inTests, inShipped] = [modules(tested), modules(shipped)];
  const differ = [...[...inTests].filter((input) => !inShipped.has(input)), ...[...inShipped].filter((input) => !inTests.has(input))];
  if (differ.length > 0) {
    throw new Error(
      `${UNDER_TEST_ENTRY} and src/extension.ts bundle different modules: ${differ.join(', ')}. ` +
        'The tests must run the shipped composition (src/composition.ts); only the host port differs.',
    );
  }
}

async function buildUnderTest() {
  rmSync(UNDER_TEST_DIR, { recursive: true, force: true });
  mkdirSync(join(UNDER_TEST_DIR, 'dist'), { recursive: true });
  for (const file of readdirSync('.').filter((name) => /^package(\.nls(\.[\w-]+)?)?\.json$/.test(name))) {
    copyFileSync(file, join(UNDER_TEST_DIR, file));
  }
  for (const dir of ['l10n', 'media']) {
    cpSync(dir, join(UNDER_TEST_DIR, dir), { recursive: true });
  }
  for (const bundle of ['commands.js', 'plex.js']) {
    copyFileSync(join('dist', bundle), join(UNDER_TEST_DIR, 'dist', bundle));
  }
  const [tested, shipped] = await Promise.all([
    esbuild.build({ ...activationBundle, entryPoints: [UNDER_TEST_ENTRY], outfile: join(UNDER_TEST_DIR, 'dist', 'extension.js'), metafile: true }),
    esbuild.build({ ...activationBundle, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', metafile: true, write: false, logLevel: 'warning' }),
  ]);
  checkSameModules(tested, shipped);
}

if (probe) {
  await esbuild.build({ ...activationBundle, entryPoints: ['test/bench/clocked-build/extension.ts'], outfile: 'out/probe-dist/extension.js' });
} else if (underTest) {
  await buildUnderTest();
} else if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  const [results, staleL10n] = await Promise.all([
    Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: true }))),
    staleBundleMessage(),
  ]);
  checkNoSharedState(results);
  const testingNames = testingNamesMessage(testingNamesIn('dist'));
  for (const message of [staleL10n, testingNames, ...budgetMessages(results)].filter(Boolean)) {
    console.error(message);
    process.exitCode = 1;
  }
}
