// l10n/bundle.l10n.json holds the English text of every vscode.l10n.t call in src/, the file
// translators start from. It is derived from the code, so it is extracted afresh each time and
// compared whole: a bundle that differs from a fresh extraction is stale.
import l10nDev from '@vscode/l10n-dev';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BUNDLE_PATH = 'l10n/bundle.l10n.json';

/** The bundle as the current src/ would produce it, serialised as it is committed. */
export async function extractBundle() {
  // Sorted, so the same sources always give the same order of entries.
  const files = readdirSync('src', { recursive: true })
    .map((file) => join('src', String(file)))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort();
  const bundle = await l10nDev.getL10nJson(files.map((file) => ({ contents: readFileSync(file, 'utf8'), extension: '.ts' })));
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/** Undefined when the committed bundle matches the sources, else what to do about it. */
export async function staleBundleMessage() {
  let committed;
  try {
    committed = readFileSync(BUNDLE_PATH, 'utf8');
  } catch {
    committed = undefined;
  }
  if (committed === (await extractBundle())) {
    return undefined;
  }
  return `${BUNDLE_PATH} does not match the vscode.l10n.t calls in src/: run \`npm run l10n\` and commit the result.`;
}
