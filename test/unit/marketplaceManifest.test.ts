import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../harness/paths';
import { vscodeVersions } from '../harness/vscodeVersions';
import { readRepoJson } from './englishManifest';

// What the Visual Studio Marketplace and Open VSX need to list the extension, and what the
// manifest promises about where it runs. vsce refuses a package without a repository or license
// only when publishing, and Open VSX (VSCodium, Cursor, code-server) needs the same fields, so the
// manifest is held to them here rather than at release time.

interface Manifest {
  name?: string;
  publisher?: string;
  version?: string;
  displayName?: string;
  description?: string;
  license?: string;
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  repository?: { type?: string; url?: string };
  bugs?: { url?: string };
  homepage?: string;
  categories?: string[];
  keywords?: string[];
  extensionKind?: string[];
  engines?: { vscode?: string };
  devDependencies?: Record<string, string>;
}

/** The Marketplace's categories (the extension manifest reference); anything else is not listed. */
const marketplaceCategories = new Set([
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
]);

/** vsce refuses more keywords than this. */
const maxKeywords = 30;

const manifest = readRepoJson('package.json') as Manifest;

function versionParts(version: string): number[] {
  return version.split('.').map((part) => Number.parseInt(part, 10));
}

function atMost(version: string, limit: string): boolean {
  const [a, b] = [versionParts(version), versionParts(limit)];
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) {
      return difference < 0;
    }
  }
  return true;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

suite('Marketplace and Open VSX manifest', () => {
  test('names the publisher, a license with its file, the repository, the bug tracker and the homepage', () => {
    for (const field of ['name', 'publisher', 'version', 'displayName', 'description', 'license', 'homepage'] as const) {
      assert.ok(typeof manifest[field] === 'string' && manifest[field] !== '', `package.json has no ${field}`);
    }
    assert.match(manifest.repository?.url ?? '', /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    assert.match(manifest.bugs?.url ?? '', /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/issues$/);
    assert.ok(existsSync(join(repoRoot, 'LICENSE')), 'no LICENSE file');
    assert.match(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'), new RegExp(`^${manifest.license ?? '-'} License`));
  });

  test('a 128×128 PNG icon and a gallery banner that matches it', () => {
    assert.ok(manifest.icon !== undefined && manifest.icon.endsWith('.png'), 'the icon is a PNG (the Marketplace refuses SVG icons)');
    assert.deepEqual(pngSize(join(repoRoot, manifest.icon)), { width: 128, height: 128 });
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/);
    assert.ok(manifest.galleryBanner?.theme === 'dark' || manifest.galleryBanner?.theme === 'light');
  });

  test('categories from the Marketplace list, and at most 30 distinct keywords', () => {
    const categories = manifest.categories ?? [];
    assert.ok(categories.some((category) => category !== 'Other'), 'a category that says what it is for, not only "Other"');
    assert.deepEqual(categories.filter((category) => !marketplaceCategories.has(category)), [], 'categories the Marketplace does not know');
    const keywords = manifest.keywords ?? [];
    assert.ok(keywords.length > 0 && keywords.length <= maxKeywords, `${keywords.length} keywords`);
    assert.equal(new Set(keywords.map((keyword) => keyword.toLowerCase())).size, keywords.length, 'a keyword twice');
  });

  test('engines.vscode admits the oldest VS Code the tests run on, and @types/vscode is that API', () => {
    const engine = /^\^(\d+\.\d+\.\d+)$/.exec(manifest.engines?.vscode ?? '');
    assert.ok(engine !== null, `engines.vscode ${manifest.engines?.vscode ?? '(none)'} is not ^x.y.z`);
    const oldest = vscodeVersions[0];
    assert.ok(oldest !== undefined && atMost(engine[1], oldest.vscode), `engines.vscode ${engine[1]} is newer than the oldest tested VS Code`);
    // vsce refuses @types/vscode newer than engines.vscode; older would let code use API that
    // engines.vscode promises without the type checker knowing.
    assert.equal(manifest.devDependencies?.['@types/vscode'], engine[1]);
  });

  test('runs where the user is, as VS Code\'s own sign-in extensions do: ui first, workspace where ui cannot', () => {
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
  });

  test('the package holds only what the extension needs at run time and on its listing page', async function () {
    // `vsce ls` applies .vscodeignore exactly as `vsce package` does; on a loaded machine it takes 20 s.
    this.timeout(70_000);
    const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    const { stdout } = await promisify(execFile)(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, timeout: 60_000 });
    const files = stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !/^l10n\/bundle\.l10n\.[\w-]+\.json$/.test(line));
    assert.deepEqual(files.sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/commands.js',
      'dist/extension.js',
      'dist/plex.js',
      'media/icon.png',
      'media/plex.svg',
      'media/walkthrough/claim-token.png',
      'media/walkthrough/other-extensions.png',
      'media/walkthrough/servers.png',
      'media/walkthrough/sign-in.png',
      'media/walkthrough/transient-token.png',
      'package.json',
      'package.nls.json',
    ]);
  });
});
