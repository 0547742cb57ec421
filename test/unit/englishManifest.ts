// package.json as VS Code shows it in English: every "%key%" replaced by its entry in
// package.nls.json. Tests that compare titles or descriptions with the code read this, not the
// raw package.json, whose user-visible text is all placeholders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';

/** An entry of package.nls.json: the English, alone or with a comment for translators. */
export type NlsEntry = string | { message: string; comment: string[] };

/** The placeholder form VS Code and vsce resolve: the whole string is %key%. */
export const nlsPlaceholder = /^%([\w.]+)%$/;

export function readRepoJson(file: string): unknown {
  return JSON.parse(readFileSync(join(repoRoot, file), 'utf8'));
}

export function englishOf(entry: NlsEntry): string {
  return typeof entry === 'string' ? entry : entry.message;
}

/** package.json with its placeholders resolved; a key without an entry stays as it is. */
export function englishManifest(): unknown {
  const entries = readRepoJson('package.nls.json') as Record<string, NlsEntry>;
  return JSON.parse(JSON.stringify(readRepoJson('package.json')), (_key, value: unknown) => {
    const match = typeof value === 'string' ? nlsPlaceholder.exec(value) : null;
    return match && match[1] in entries ? englishOf(entries[match[1]]) : value;
  });
}
