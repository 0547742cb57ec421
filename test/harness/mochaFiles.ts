import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type Mocha from 'mocha';

/**
 * Files that must run at a fixed place, by what they do: `first` checks what happened before any
 * test acted (activation made no request), `last` ends something nothing can restart (the
 * extension in this host). Every other file must pass in any order.
 */
export interface FileRoles {
  first?: string;
  last?: string;
}

/**
 * The order of the files without a role: `sorted` (the default, the same on every host),
 * `reversed`, or `shuffled:<seed>` (a seeded shuffle, so a failing order can be run again).
 */
export type FileOrder = string;

/** A small seeded generator (mulberry32): the same seed gives the same order everywhere. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ordered(files: string[], order: FileOrder): string[] {
  if (order === 'sorted') return files;
  if (order === 'reversed') return [...files].reverse();
  const shuffle = /^shuffled:(\d+)$/.exec(order);
  if (shuffle === null) throw new Error(`unknown test file order "${order}": sorted, reversed or shuffled:<seed>`);
  const random = seededRandom(Number(shuffle[1]));
  const result = [...files];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other] as string, result[index] as string];
  }
  return result;
}

/** Every compiled *.test.js below `dir`: the role files first and last, the rest in `order`. */
export function testFiles(dir: string, roles: FileRoles = {}, order: FileOrder = 'sorted'): string[] {
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  const placed = [roles.first, roles.last].filter((file): file is string => file !== undefined);
  for (const file of placed) {
    if (!files.includes(file)) throw new Error(`${file} has a role in the test order but is not in ${dir}`);
  }
  const rest = ordered(files.filter((file) => !placed.includes(file)), order);
  return [...(roles.first === undefined ? [] : [roles.first]), ...rest, ...(roles.last === undefined ? [] : [roles.last])];
}

export function addTestFiles(mocha: Mocha, dir: string, roles: FileRoles = {}, order: FileOrder = 'sorted'): string[] {
  const files = testFiles(dir, roles, order);
  for (const file of files) {
    mocha.addFile(join(dir, file));
  }
  return files;
}

/**
 * Hooks around every top-level suite (one per test file, as the suites are written): `before` runs
 * ahead of the suite's own suiteSetup, `after` ahead of its own suiteTeardown (while what the
 * suite started still runs). Mocha announces each suite as the file defining it is loaded, before
 * the suite's body adds its own hooks.
 */
export function aroundEachTopLevelSuite(
  mocha: Mocha,
  hooks: { before?: { title: string; run: () => Promise<void> }; after?: { title: string; run: () => Promise<void> } },
): void {
  mocha.suite.on('suite', (suite: Mocha.Suite) => {
    const { before, after } = hooks;
    if (before !== undefined) suite.beforeAll(before.title, before.run);
    if (after !== undefined) suite.afterAll(after.title, after.run);
  });
}
