import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../harness/paths';
import { englishManifest, nlsPlaceholder, readRepoJson as readJson, type NlsEntry } from './englishManifest';

// package.json names its user-visible text by %key%; package.nls.json holds the English. VS Code
// shows a raw "%key%" for a key without an entry, so every key must resolve, and an entry no key
// uses is text translators would translate for nothing.

function placeholderKeys(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    const match = nlsPlaceholder.exec(value);
    if (match) {
      found.push(match[1]);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item) => placeholderKeys(item, found));
  } else if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach((item) => placeholderKeys(item, found));
  }
  return found;
}

suite('Localisable manifest', () => {
  test('every %key% in package.json has an entry in package.nls.json, and every entry is used', () => {
    const used = new Set(placeholderKeys(readJson('package.json')));
    const defined = new Set(Object.keys(readJson('package.nls.json') as object));
    assert.ok(used.size > 0, 'package.json names no %key%');
    assert.deepEqual([...used].filter((key) => !defined.has(key)), [], 'keys without an entry');
    assert.deepEqual([...defined].filter((key) => !used.has(key)), [], 'entries no key uses');
  });

  test('every entry is English text, or English text with a translator comment', () => {
    const translations = readJson('package.nls.json') as Record<string, unknown>;
    const malformed = Object.entries(translations)
      .filter(([, value]) => {
        if (typeof value === 'string') {
          return value.trim() === '';
        }
        const { message, comment } = (value ?? {}) as { message?: unknown; comment?: unknown };
        return typeof message !== 'string' || message.trim() === '' || !Array.isArray(comment) || !comment.every((line) => typeof line === 'string');
      })
      .map(([key]) => key);
    assert.deepEqual(malformed, []);
  });

  test('every command has a title of its own in the palette, in category "Plex"', () => {
    const manifest = englishManifest() as { contributes: { commands: { command: string; title: string; category?: string }[] } };
    const labels = manifest.contributes.commands.map(({ category, title }) => `${category}: ${title}`);
    assert.ok(manifest.contributes.commands.every(({ category }) => category === 'Plex'), 'a command outside category "Plex"');
    assert.deepEqual(labels.filter((label) => label.includes('%')), [], 'a title left unresolved');
    assert.equal(new Set(labels).size, labels.length, `two commands share a palette label: ${labels.join(', ')}`);
  });

  test('package.json points VS Code at the generated bundle', () => {
    const manifest = readJson('package.json') as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
    const bundle = readJson('l10n/bundle.l10n.json') as Record<string, NlsEntry>;
    assert.ok(Object.keys(bundle).length > 0, 'l10n/bundle.l10n.json is empty');
  });

  test('the .vsix takes package.nls.json and translated bundles along, not the English source bundle', async function () {
    // `vsce ls` applies .vscodeignore exactly as `vsce package` does, without building. It
    // starts a Node process that reads the whole project: on a loaded machine that takes 20 s.
    this.timeout(70_000);
    const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    const { stdout } = await promisify(execFile)(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, timeout: 60_000 });
    const files = stdout.split('\n').map((line) => line.trim());
    assert.ok(files.includes('package.nls.json'), `package.nls.json is not packaged:\n${stdout}`);
    // English comes from the code itself; bundle.l10n.json is what translators start from (and 4.7 KB of the .vsix).
    assert.ok(!files.includes('l10n/bundle.l10n.json'), `the English source bundle is packaged:\n${stdout}`);
  });
});
