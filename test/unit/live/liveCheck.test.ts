// `npm run test:live` run as a child process, as a maintainer would run it, against the stand-in
// (PLEX_TV_URL): the skip line without a token; the full table with a planted token, and none of
// the stand-in's tokens anywhere in what it printed; a failing exit when an answer breaks the spec.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../standin/index';

interface Run {
  code: number;
  output: string;
}

function runLiveCheck(env: Record<string, string | undefined>): Promise<Run> {
  const script = join(process.cwd(), 'out', 'test', 'live', 'run.js');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PLEX_')));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script], { env: { ...inherited, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, output: `${stdout}${stderr}` });
    });
  });
}

function assertNoToken(standIn: StandIn, output: string): void {
  const issued = standIn.issuedTokens();
  assert.ok(issued.length >= 3, 'the check handled account, server and transient tokens');
  for (const token of issued) assert.ok(!output.includes(token), 'a token the stand-in issued was printed');
}

suite('Live check (npm run test:live)', () => {
  let standIn: StandIn;

  suiteSetup(async () => {
    standIn = await startStandIn();
  });
  setup(() => {
    standIn.clearFaults();
  });
  suiteTeardown(async () => {
    await standIn.close();
  });

  test('without PLEX_TOKEN it says it was skipped and exits 0', async () => {
    const run = await runLiveCheck({});
    assert.equal(run.code, 0);
    assert.match(run.output, /^test:live skipped: PLEX_TOKEN is not set/m);
  });

  test('with a planted token it prints the full table and no token', async () => {
    const token = standIn.issueToken('alice');
    const run = await runLiveCheck({ PLEX_TOKEN: token, PLEX_TV_URL: standIn.plexTvUrl });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /^operation +\| HTTP status \| ms +\| decoded \| spec +\| deviations seen$/m);
    for (const operation of ['account', 'ping', 'resources', "transient token, Alice's Library", "source connection information, Alice's Library"]) {
      assert.match(run.output, new RegExp(`^${operation} \\(.*\\| 200 +\\| \\d+ +\\| ok +\\| conforms`, 'm'), `row for ${operation}`);
    }
    assert.match(run.output, /\| ping-undocumented$/m);
    assert.match(run.output, /\| security-token-by-get$/m);
    assert.match(run.output, /^test:live passed$/m);
    assertNoToken(standIn, run.output);
  });

  test('PLEX_SERVER_URL picks the server', async () => {
    const cloud = standIn.servers.find((server) => server.name === "Alice's Cloud");
    assert.ok(cloud);
    const run = await runLiveCheck({ PLEX_TOKEN: standIn.issueToken('alice'), PLEX_TV_URL: standIn.plexTvUrl, PLEX_SERVER_URL: cloud.url });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /^transient token, Alice's Cloud \(GET \/security\/token\) +\| 200 /m);
    assert.doesNotMatch(run.output, /Alice's Library \(GET/);
    assertNoToken(standIn, run.output);
  });

  test('an answer outside the spec fails the check and names the finding', async () => {
    standIn.addFault({ route: 'user', fault: { kind: 'set-field', field: 'profile.watchedIndicator', value: 'sometimes' } });
    const run = await runLiveCheck({ PLEX_TOKEN: standIn.issueToken('alice'), PLEX_TV_URL: standIn.plexTvUrl });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /^account \(GET \/api\/v2\/user\) .*\| \d+ unlisted finding\(s\)/m);
    assert.match(run.output, /unlisted finding in "account \(GET \/api\/v2\/user\)": response GET \/api\/v2\/user 200 \/profile\/watchedIndicator type/);
    assert.match(run.output, /^test:live FAILED$/m);
    assertNoToken(standIn, run.output);
  });

  test('a token that plex.tv refuses fails the check without printing it', async () => {
    const token = standIn.issueToken('alice');
    standIn.revokeToken(token);
    const run = await runLiveCheck({ PLEX_TOKEN: token, PLEX_TV_URL: standIn.plexTvUrl });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /^account \(GET \/api\/v2\/user\) +\| 401 +\| \d+ +\| token-invalid/m);
    assert.ok(!run.output.includes(token));
  });
});
