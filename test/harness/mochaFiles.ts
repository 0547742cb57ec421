import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type Mocha from 'mocha';

/** Adds every compiled *.test.js below `dir`, sorted, so the order is the same on every host. */
export function addTestFiles(mocha: Mocha, dir: string): void {
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) {
    mocha.addFile(join(dir, file));
  }
}
