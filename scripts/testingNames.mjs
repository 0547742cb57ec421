// The shipped bundles carry nothing that exists only for the tests or the bench: the testing API
// is built in test/integration/testingApi.ts from the extension the tests' own main composed on
// the test host port (test/integration/host/), and the activation clock is only in the bench's
// build (test/bench/clocked-build/). A name from either in dist/ means a test hook has crept back
// into the shipped code.
//
// As a script: `node scripts/testingNames.mjs DIR` lists the testing-only names in DIR/*.js and
// exits 1 if there are any.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const TESTING_API = join(repoRoot, 'test', 'integration', 'testingApi.ts');

/**
 * Testing API methods named after what the shipped code really has: the catalog's defaultServerId,
 * the module's deactivate(), and src/auth/tokenUse.ts's functions (whose globalState key is
 * plex.lastTokenUse).
 */
export const ALSO_IN_PRODUCTION = new Set(['defaultServerId', 'deactivate', 'lastTokenUse', 'setLastTokenUse']);

/** Names of test and bench hooks the testing API's interface does not list. */
const OTHER_TESTING_NAMES = [
  'PlexTestingApi',
  'activationTimeMs',
  'activationClock',
  'pendingClears',
  'activeProgressCount',
  'pendingDelayCount',
  'pretendRemote',
  'secretKeysRead',
  'plexUpkeepLook',
  // The test host port and the hand-over of the composed extension to the tests.
  'TestHost',
  'extensionUnderTest',
  // Test hooks the shipped code once had: a hidden internals object and a swappable Ui.
  'plex-vscode.internals',
  'overrideUi',
  'uiOverride',
];

/** The method names of the PlexTestingApi interface, read from its source. */
export function testingApiMethods(source = readFileSync(TESTING_API, 'utf8')) {
  const body = /export interface PlexTestingApi \{([\s\S]*?)\n\}/.exec(source)?.[1];
  if (body === undefined) {
    throw new Error(`no PlexTestingApi interface in ${TESTING_API}`);
  }
  return [...body.matchAll(/^\s+(\w+)\(/gm)].map((match) => match[1]);
}

export function testingOnlyNames() {
  return [...testingApiMethods().filter((name) => !ALSO_IN_PRODUCTION.has(name)), ...OTHER_TESTING_NAMES];
}

/** Each testing-only name found in DIR/*.js, with its file. */
export function testingNamesIn(dir) {
  const names = testingOnlyNames();
  return readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) => {
      const code = readFileSync(join(dir, file), 'utf8');
      return names.filter((name) => new RegExp(`\\b${name}\\b`).test(code)).map((name) => ({ file: join(dir, file), name }));
    });
}

export function testingNamesMessage(found) {
  return found.length === 0
    ? undefined
    : `Testing-only names in the shipped bundles: ${found.map(({ file, name }) => `${name} (${file})`).join(', ')}. ` +
        'Test hooks belong under test/: the integration tests reach the extension through test/integration/testingApi.ts, built from ' +
        'what their own main (test/integration/host/extension.ts) composed on the test host port.';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const message = testingNamesMessage(testingNamesIn(process.argv[2] ?? 'dist'));
  if (message !== undefined) {
    console.error(message);
    process.exitCode = 1;
  }
}
