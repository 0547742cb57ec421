// docs/performance.md: the figures as tables, each next to its target, then the findings that
// npm run bench cannot write itself (test/bench/findings.md, kept by hand).
import { existsSync, readFileSync } from 'node:fs';
import type { BenchResult, Figure } from './report';
import type { Summary } from './stats';

function formatNumber(value: number, unit: Figure['unit']): string {
  switch (unit) {
    case 'bytes':
      return Math.abs(value) >= 1_000_000 ? `${(value / 1_000_000).toFixed(2)} MB` : `${(value / 1000).toFixed(1)} KB`;
    case 'ms':
      return Math.abs(value) < 10 ? value.toFixed(2) : value.toFixed(0);
    case 'requests':
    case 'reads':
      return String(value);
  }
}

function isSummary(value: Figure['value']): value is Summary {
  return typeof value === 'object';
}

function valueCells(figure: Figure): [string, string] {
  const { value, unit } = figure;
  if (value === undefined) {
    return ['n/a', ''];
  }
  if (!isSummary(value)) {
    return [formatNumber(value, unit), ''];
  }
  const range = value.n > 1 ? `${formatNumber(value.min, unit)} to ${formatNumber(value.max, unit)} (n=${value.n})` : `n=1`;
  return [formatNumber(value.median, unit), range];
}

function verdict(met: boolean | undefined): string {
  return met === undefined ? '' : met ? 'yes' : '**no**';
}

function table(figures: Figure[], unitLabel: string): string {
  const header = `| Figure | ${unitLabel} | min to max | Target | Met |\n|---|---:|---|---|---|`;
  const rows = figures.map((figure) => {
    const [main, range] = valueCells(figure);
    return `| ${figure.name} | ${main} | ${range} | ${figure.target} | ${verdict(figure.met)} |`;
  });
  return [header, ...rows].join('\n');
}

export function renderMarkdown(result: BenchResult, findingsFile: string): string {
  const env = result.environment;
  const findings = existsSync(findingsFile) ? readFileSync(findingsFile, 'utf8').trim() : '';
  return `# Performance

Written by \`npm run bench\` (${String(env.windows)} fresh window${env.windows === 1 ? '' : 's'}, ${result.generatedAt}) on
code-server ${String(env.codeServer)} (VS Code ${String(env.vscode)}), Node ${String(env.node)}, ${String(env.cpus)} CPUs. Raw data:
[performance.json](performance.json). Timed figures are the median over windows (latency: over
every sample), with min and max; requests are the most seen in any window.

## Activation

VS Code's own figure is what Developer: Show Running Extensions shows (code loading plus the
synchronous part of \`activate()\`), read in each window for Plex, an empty extension with the
same activation event (\`onStartupFinished\`, test/bench/empty-extension/), the same plus
\`require('vscode')\` (test/bench/empty-api-extension/) and the built-in GitHub Authentication
(activated by a silent \`getSession('github', ['read:user'])\`).

${table(result.figures.activation, 'Median ms')}

Which secrets Plex read from its bundle loading to \`activate()\` resolving (the clocked build
records every \`SecretStorage.get\`), the most reads in any window: the device key of the JWT
preview is read only when a device JWT is signed, never on activation.

${table(result.figures.secrets ?? [], 'Reads')}

## Bundle

${table(result.figures.bundle, 'Size')}

## Requests per task

Counted in the stand-in's request log; the target is the fewest requests the Plex API allows.
Token upkeep and JWT renewal are the look Plex's timer runs (a minute after start-up, then
hourly), run on demand by the bench's build (see the findings below).

${table(result.figures.requests, 'Requests')}

## Latency added by the extension

From the click or Enter that starts the command to the UI showing the result (in the page's own
clock), minus the time the stand-in spent serving requests in between. That includes the
workbench's own round trips, so each action is also shown above its floor: the same kind of UI
update made by the probe extension's command that does nothing else. The connection doctor's
figures are whole times instead: there the stand-in's serving time is the connections' own delays,
which is what they measure.

${table(result.figures.latency, 'Median ms')}

## Memory

Extension host \`heapUsed\` after a full garbage collection, read by the probe extension (it
activates on \`*\`, before Plex). Every extension in the host starts between the two readings, so
control windows without Plex show what the rest of the start-up adds.

${table(result.figures.memory, 'Median')}
${findings === '' ? '' : `\n${findings}\n`}`;
}
