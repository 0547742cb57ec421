// The build's check that no test or bench hook ships (scripts/testingNames.mjs), run as a script on
// planted bundles: it must fail on a testing-only name and pass on clean code.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../harness/paths';

const script = join(repoRoot, 'scripts', 'testingNames.mjs');

async function check(dir: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, [script, dir]);
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
  }
}

/** Method names of PlexTestingApi as its source spells them. */
function interfaceMethods(): string[] {
  const source = readFileSync(join(repoRoot, 'test', 'integration', 'testingApi.ts'), 'utf8');
  const body = /export interface PlexTestingApi \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/^\s+(\w+)\(/gm)].map((match) => match[1]);
}

suite('No testing-only names in the shipped bundles', () => {
  let dir: string;

  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'plex-testing-names-'));
  });

  teardown(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('a bundle with a testing API method or the activation clock fails the check, naming each', async () => {
    writeFileSync(join(dir, 'extension.js'), 'var e={status:1,pendingPollTimers:()=>0};exports.x=e;');
    writeFileSync(join(dir, 'commands.js'), 'module.exports={activationTimeMs:1.5};');
    writeFileSync(join(dir, 'notes.txt'), 'treatAsRemote');
    const { code, stderr } = await check(dir);
    assert.equal(code, 1);
    assert.match(stderr, /pendingPollTimers \(.*extension\.js\)/);
    assert.match(stderr, /activationTimeMs \(.*commands\.js\)/);
    assert.doesNotMatch(stderr, /treatAsRemote/, 'only .js files are bundles');
  });

  test('every testing API method the shipped code does not also have is checked', async () => {
    const methods = interfaceMethods();
    assert.ok(methods.includes('treatAsRemote') && methods.includes('setUi'), `methods read: ${methods.join(', ')}`);
    // The names scripts/testingNames.mjs lets through (ALSO_IN_PRODUCTION), stated again on purpose.
    const alsoInProduction = new Set(['defaultServerId', 'deactivate', 'lastTokenUse', 'setLastTokenUse']);
    for (const method of methods.filter((name) => !alsoInProduction.has(name))) {
      writeFileSync(join(dir, 'extension.js'), `a.${method}();`);
      assert.equal((await check(dir)).code, 1, `${method} was not caught`);
    }
  });

  test('production names that merely contain a testing name, and clean bundles, pass', async () => {
    writeFileSync(join(dir, 'extension.js'), 'a.defaultServerId;a.deactivate();a.get("plex.lastTokenUse");a.setUiLanguage=1;a.mySetUi=2;');
    assert.deepEqual(await check(dir), { code: 0, stderr: '' });
  });
});
