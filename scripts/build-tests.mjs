// Compiles every TypeScript file under test/ into out/test/, one bundle per file, so tests run
// on plain Node (node-fetch is ESM-only; bundling sidesteps CommonJS/ESM interop).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const entryPoints = readdirSync('test', { recursive: true })
  .map((file) => join('test', String(file)))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));

await esbuild.build({
  entryPoints,
  outdir: 'out/test',
  outbase: 'test',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', 'fast-check', 'playwright-core', '@vscode/test-electron'],
  logLevel: 'warning',
});
