// The hooks the integration and e2e runners put around every file's suite: a stand-in reset before
// it, and a violation check after it that fails the suite. Run here on a small mocha run of their
// own, so the demonstration is a test: a suite that leaves a fault behind does not reach the next
// one, and a suite whose traffic broke the protocol fails in its "after all" hook.
import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import { aroundEachTopLevelSuite, testFiles } from '../harness/mochaFiles';
import { startStandIn, type StandIn } from '../standin/index';
import { ViolationWatch } from '../standin/startedStandIns';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEADERS = { 'X-Plex-Client-Identifier': 'suite-hooks-test', Accept: 'application/json' };

suite('Hooks around every suite (integration and e2e runners)', () => {
  let standIn: StandIn;

  setup(async () => {
    standIn = await startStandIn();
  });
  teardown(async () => {
    standIn.clearViolations();
    await standIn.close();
  });

  test('reset before each suite; a violation during a suite fails that suite, after it', async () => {
    const watch = new ViolationWatch();
    watch.takeNew();
    const mocha = new Mocha({ reporter: Mocha.reporters.Base, timeout: 10_000 });
    aroundEachTopLevelSuite(mocha, {
      before: { title: 'reset the stand-in', run: () => Promise.resolve(standIn.reset()) },
      after: {
        title: 'no stand-in violations',
        run: () => {
          const fresh = watch.takeNew();
          return fresh.length === 0 ? Promise.resolve() : Promise.reject(new Error(fresh.join('\n')));
        },
      },
    });
    const leavesAFault = Mocha.Suite.create(mocha.suite, 'leaves a fault behind');
    leavesAFault.addTest(new Mocha.Test('adds a fault', () => standIn.addFault({ route: 'user', fault: { kind: 'rate-limit' } })));
    const leaksAToken = Mocha.Suite.create(mocha.suite, 'puts a token in a URL');
    leaksAToken.addTest(
      new Mocha.Test('meets no fault, then sends a token in the query string', async () => {
        const token = standIn.issueToken('alice');
        assert.equal((await fetch(`${standIn.plexTvUrl}/api/v2/user`, { headers: { ...HEADERS, 'X-Plex-Token': token } })).status, 200);
        await fetch(`${standIn.plexTvUrl}/api/v2/user?X-Plex-Token=${token}`, { headers: HEADERS });
      }),
    );
    const failed: string[] = [];
    const runner = mocha.run();
    runner.on('fail', (test) => failed.push(test.fullTitle()));
    await new Promise<void>((resolve) => runner.on('end', () => resolve()));

    assert.deepEqual(failed, ['puts a token in a URL "after all" hook: no stand-in violations for "meets no fault, then sends a token in the query string"']);
  });

  test('file order: the role files first and last whatever the order of the rest; a role file that is missing is an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plex-test-order-'));
    try {
      for (const name of ['activation', 'alpha', 'beta', 'gamma', 'delta', 'deactivation']) writeFileSync(join(dir, `${name}.test.js`), '');
      const roles = { first: 'activation.test.js', last: 'deactivation.test.js' };
      assert.deepEqual(testFiles(dir, roles), ['activation.test.js', 'alpha.test.js', 'beta.test.js', 'delta.test.js', 'gamma.test.js', 'deactivation.test.js']);
      assert.deepEqual(testFiles(dir, roles, 'reversed'), ['activation.test.js', 'gamma.test.js', 'delta.test.js', 'beta.test.js', 'alpha.test.js', 'deactivation.test.js']);
      const shuffled = testFiles(dir, roles, 'shuffled:7');
      assert.deepEqual(shuffled, testFiles(dir, roles, 'shuffled:7'), 'a seed gives the same order again');
      assert.equal(shuffled[0], 'activation.test.js');
      assert.equal(shuffled[5], 'deactivation.test.js');
      assert.deepEqual([...shuffled].sort(), testFiles(dir).sort());
      assert.throws(() => testFiles(dir, { last: 'zz-deactivation.test.js' }), /has a role in the test order but is not in/);
      assert.throws(() => testFiles(dir, roles, 'random'), /unknown test file order/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
