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

const builds = [
  // './plex.js' stays a runtime require so node-fetch is not loaded on activation.
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './plex.js'] },
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
