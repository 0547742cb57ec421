import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Lint forbids it too; this test keeps the rule even when someone disables a lint line.
suite('src/plex stays free of vscode', () => {
  test('no file under src/plex imports or requires vscode', () => {
    const root = join(process.cwd(), 'src', 'plex');
    const files = readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 0, 'src/plex has no TypeScript files');
    const offenders = files.filter((file) =>
      /(from\s+['"]vscode['"])|(require\(\s*['"]vscode['"]\s*\))|(import\(\s*['"]vscode['"]\s*\))/.test(
        readFileSync(join(root, file), 'utf8'),
      ),
    );
    assert.deepEqual(offenders, []);
  });
});
