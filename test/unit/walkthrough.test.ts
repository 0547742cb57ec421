// package.json's "Get started with Plex" walkthrough: each step completes by itself on an event
// that names something real (a contributed command, view or context key the session sets, or
// VS Code's command for the trusted extensions), its buttons run commands that exist, its
// text is localisable, and its pictures exist, are small and go into the .vsix.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { contextKeysOf, SIGNED_OUT } from '../../src/auth/sessionState';
import { COMMANDS } from '../../src/commandTable';
import { WALKTHROUGH_DONE_KEYS } from '../../src/walkthroughKeys';
import { repoRoot } from '../harness/paths';
import { englishManifest, nlsPlaceholder, readRepoJson } from './englishManifest';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string };
  completionEvents?: string[];
}

interface Manifest {
  publisher: string;
  name: string;
  contributes: {
    walkthroughs: { id: string; title: string; description: string; steps: Step[] }[];
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; when: string; contents: string }[];
  };
}

const MAX_IMAGE_BYTES = 60 * 1000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const raw = readRepoJson('package.json') as Manifest;
const english = englishManifest() as Manifest;
const walkthrough = english.contributes.walkthroughs[0];
const viewIds = new Set(Object.values(english.contributes.views).flatMap((views) => views.map((view) => view.id)));
const commandIds = new Set<string>(COMMANDS.map((command) => command.id));

function commandLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(command:([\w.]+)/g)].map((match) => match[1]);
}

/** A command a step's button may run: the extension's own, a view's focus command, or VS Code's. */
function runnable(command: string): boolean {
  const view = /^(.+)\.focus$/.exec(command);
  return commandIds.has(command) || (view !== null && viewIds.has(view[1]));
}

suite('Get Started walkthrough in package.json', () => {
  test('one walkthrough, "Get started with Plex", with its five steps in order', () => {
    assert.equal(english.contributes.walkthroughs.length, 1);
    assert.equal(walkthrough.id, 'getStarted');
    assert.equal(walkthrough.title, 'Get started with Plex');
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['signIn', 'servers', 'transientToken', 'claimToken', 'otherExtensions'],
    );
  });

  test('every step completes by itself, on an event naming a real command, view or context key', () => {
    const contextKeys = new Set([...Object.keys(contextKeysOf(SIGNED_OUT)), ...Object.values(WALKTHROUGH_DONE_KEYS)]);
    for (const step of walkthrough.steps) {
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} has no completionEvents: VS Code would tick it on a mere click`);
      for (const event of events) {
        const [, kind, subject] = /^(\w+):(.+)$/.exec(event) ?? [];
        if (kind === 'onCommand') {
          assert.ok(runnable(subject), `${step.id}: ${event} names no command`);
        } else if (kind === 'onView') {
          assert.ok(viewIds.has(subject), `${step.id}: ${event} names no view`);
        } else if (kind === 'onContext') {
          assert.ok(contextKeys.has(subject), `${step.id}: ${event} names no context key the session or a finished step sets`);
        } else {
          assert.fail(`${step.id}: unexpected completion event ${event}`);
        }
      }
    }
    assert.deepEqual(walkthrough.steps[0].completionEvents, ['onContext:plex.signedIn'], 'signing in ticks when signed in, not when a sign-in starts');
    // A step whose command opens a quick pick ticks when it is done: a tick while the pick is open closes it (VS Code 1.13x).
    const byId = new Map(walkthrough.steps.map((step) => [step.id, step.completionEvents]));
    assert.deepEqual(byId.get('transientToken'), [`onContext:${WALKTHROUGH_DONE_KEYS.transientToken}`]);
    assert.deepEqual(byId.get('otherExtensions'), [`onContext:${WALKTHROUGH_DONE_KEYS.otherExtensions}`]);
  });

  test('every step has a button, and every button runs a command that exists; the browser sign-in comes first', () => {
    for (const step of walkthrough.steps) {
      const links = commandLinks(step.description);
      assert.ok(links.length > 0, `${step.id} has no button`);
      assert.deepEqual(links.filter((command) => !runnable(command)), [], `${step.id} links to commands that do not exist`);
    }
    assert.equal(commandLinks(walkthrough.steps[0].description)[0], 'plex.signInWithBrowser');
  });

  test('every text is localisable (%key%), and the pictures have alt text', () => {
    const { walkthroughs } = raw.contributes;
    const texts = walkthroughs.flatMap((entry) => [entry.title, entry.description, ...entry.steps.flatMap((step) => [step.title, step.description, step.media.altText ?? ''])]);
    assert.deepEqual(texts.filter((text) => !nlsPlaceholder.test(text)), [], 'texts written into package.json');
    for (const step of walkthrough.steps) {
      assert.ok((step.media.altText ?? '').length > 20, `${step.id}'s picture has no alt text`);
    }
  });

  test('every picture is a small PNG in media/walkthrough/', () => {
    for (const step of walkthrough.steps) {
      const image = step.media.image ?? '';
      assert.match(image, /^media\/walkthrough\/[a-z-]+\.png$/, `${step.id}'s picture`);
      const file = join(repoRoot, image);
      assert.ok(readFileSync(file).subarray(0, 8).equals(PNG_SIGNATURE), `${image} is a PNG`);
      const bytes = statSync(file).size;
      assert.ok(bytes <= MAX_IMAGE_BYTES, `${image} is ${bytes} bytes, over ${MAX_IMAGE_BYTES}`);
    }
  });

  test("the Account view's signed-out welcome links to Plex: Get Started", () => {
    const welcome = english.contributes.viewsWelcome.find((entry) => entry.view === 'plex.account' && entry.when === '!plex.signedIn && !plex.sessionExpired');
    assert.ok(welcome && commandLinks(welcome.contents).includes('plex.getStarted'));
  });

  test('the .vsix takes every picture along', async function () {
    // `vsce ls` applies .vscodeignore as `vsce package` does; on a loaded machine it takes 20 s.
    this.timeout(70_000);
    const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    const { stdout } = await promisify(execFile)(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, timeout: 60_000 });
    const files = new Set(stdout.split('\n').map((line) => line.trim()));
    assert.deepEqual(
      walkthrough.steps.map((step) => step.media.image).filter((image) => image === undefined || !files.has(image)),
      [],
      `pictures left out of the .vsix:\n${stdout}`,
    );
  });
});
