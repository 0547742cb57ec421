// Bundles the extension into three minified files: dist/extension.js (what activation loads),
// dist/commands.js (the command code, required when a command first runs) and dist/plex.js (the
// service layer with node-fetch, required on the first network request).
//
// --probe builds only the bench's Plex instead: dist/extension.js's code with the activation clock
// around activate() (test/bench/clocked-build/), written to out/probe-dist/extension.js. The bench
// installs it over the packaged dist/extension.js; nothing shipped contains the clock.
import * as esbuild from 'esbuild';
import { staleBundleMessage } from './l10nBundle.mjs';
import { testingNamesIn, testingNamesMessage } from './testingNames.mjs';

const watch = process.argv.includes('--watch');
const probe = process.argv.includes('--probe');
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

const builds = [
  // './commands.js' and './plex.js' stay runtime requires, so activation loads neither.
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['./commands.js', './plex.js'], plugins: [vscodeOnce] },
  { ...common, entryPoints: ['src/commands/index.ts'], outfile: 'dist/commands.js', external: ['./plex.js'], plugins: [vscodeOnce] },
  { ...common, entryPoints: ['src/plex/index.ts'], outfile: 'dist/plex.js', external: ['vscode'] },
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
  'src/commandTable.ts',
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

if (probe) {
  await esbuild.build({
    ...common,
    entryPoints: ['test/bench/clocked-build/extension.ts'],
    outfile: 'out/probe-dist/extension.js',
    external: ['./commands.js', './plex.js'],
    plugins: [vscodeOnce],
  });
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
  for (const message of [staleL10n, testingNames].filter(Boolean)) {
    console.error(message);
    process.exitCode = 1;
  }
}
