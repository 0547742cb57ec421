// Summarizes a .cpuprofile from `npm run bench -- --profile`: where the time went, by function
// (self time) and by file (inclusive), optionally only for files whose path contains a filter.
//   node out/test/bench/profileSummary.js <file.cpuprofile> [path filter] [top N]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const file = url === '' ? '' : url.split('/').slice(-3).join('/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`;
}

function top(map: Map<string, number>, count: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => `${(us / 1000).toFixed(2).padStart(9)} ms  ${name}`);
}

function main(): void {
  const [file, filter = '', countText = '25'] = process.argv.slice(2);
  if (file === undefined) {
    throw new Error('usage: profileSummary <file.cpuprofile> [path filter] [top N]');
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const timeById = new Map<number, number>();
  profile.samples.forEach((id, index) => timeById.set(id, (timeById.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

  const self = new Map<string, number>();
  const inclusiveFiles = new Map<string, number>();
  for (const [id, us] of timeById) {
    const node = nodes.get(id);
    if (node === undefined) continue;
    if (node.callFrame.url.includes(filter)) self.set(label(node), (self.get(label(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parents.get(current)) {
      const url = nodes.get(current)?.callFrame.url ?? '';
      if (url !== '' && url.includes(filter) && !seen.has(url)) {
        seen.add(url);
        inclusiveFiles.set(url, (inclusiveFiles.get(url) ?? 0) + us);
      }
    }
  }
  console.log(`${file}: ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms profiled`);
  console.log('\nInclusive time by file:');
  console.log(top(inclusiveFiles, 15).join('\n'));
  console.log('\nSelf time by function:');
  console.log(top(self, Number(countText)).join('\n'));
}

main();
