// Compiles every TypeScript file under test/ into out/test/, one bundle per file, so tests run
// on plain Node (node-fetch is ESM-only; bundling sidesteps CommonJS/ESM interop).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The bench's Plex build and the integration tests' main are builds of the extension's own bundle
// (scripts/build.mjs --probe and --under-test), not test files.
const clockedBuild = join('test', 'bench', 'clocked-build');
const mainUnderTest = join('test', 'integration', 'host', 'extension.ts');
const entryPoints = readdirSync('test', { recursive: true })
  .map((file) => join('test', String(file)))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.startsWith(clockedBuild) && file !== mainUnderTest);

// Drop compiled files whose source is gone, so a deleted or renamed test never runs from a stale copy.
if (existsSync('out/test')) {
  for (const file of readdirSync('out/test', { recursive: true }).map(String)) {
    if (file.endsWith('.js') && !existsSync(join('test', file.replace(/\.js$/, '.ts')))) {
      rmSync(join('out/test', file));
    }
  }
}

await esbuild.build({
  entryPoints,
  outdir: 'out/test',
  outbase: 'test',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  // './plex.js' is the gateway's lazy require of the service layer (dist/plex.js): a test that builds
  // the gateway without making a request never loads it.
  external: ['vscode', 'mocha', 'fast-check', 'playwright-core', '@vscode/test-electron', './plex.js'],
  logLevel: 'warning',
});
