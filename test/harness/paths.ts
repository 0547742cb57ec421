// Where things live. Compiled copies run from out/test/..., so the repo root is found by walking
// up to the package.json rather than from a fixed relative path.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === 'plex-vscode') {
        return dir;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`Could not find the plex-vscode package.json above ${start}`);
    }
    dir = parent;
  }
}

export const repoRoot = findRepoRoot(__dirname);

/** Downloads and installs that survive between runs (git-ignored), as @vscode/test-electron does. */
export const vscodeTestDir = join(repoRoot, '.vscode-test');

/** Failure screenshots and other per-run artefacts (git-ignored). */
export const testResultsDir = join(repoRoot, 'test-results');

/** Screenshots the README shows (committed). */
export const docsScreenshotsDir = join(repoRoot, 'docs', 'screenshots');

/** The walkthrough's pictures (committed, and packaged: package.json's walkthrough points at them). */
export const walkthroughMediaDir = join(repoRoot, 'media', 'walkthrough');

export const extensionId = 'plex-vscode.plex-vscode';

/** The extension folder the integration suite loads: scripts/build.mjs --under-test writes it. */
export const extensionUnderTestDir = join(repoRoot, 'out', 'extension-under-test');
