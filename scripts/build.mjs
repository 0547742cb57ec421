// Bundles the extension into two minified files: dist/extension.js (what activation loads)
// and dist/plex.js (the service layer with node-fetch, required on the first network request).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
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
  // './plex.js' stays a runtime require so node-fetch is not loaded on activation.
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['./plex.js'], plugins: [vscodeOnce] },
  { ...common, entryPoints: ['src/plex/index.ts'], outfile: 'dist/plex.js', external: ['vscode'] },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
