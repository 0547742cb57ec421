// `npm run l10n` rewrites l10n/bundle.l10n.json from the vscode.l10n.t calls in src/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUNDLE_PATH, extractBundle } from './l10nBundle.mjs';

const bundle = await extractBundle();
mkdirSync(dirname(BUNDLE_PATH), { recursive: true });
writeFileSync(BUNDLE_PATH, bundle);
console.log(`Wrote ${BUNDLE_PATH} (${Object.keys(JSON.parse(bundle)).length} strings).`);
