// "Developer: Show Running Extensions": the activation time VS Code itself reports per extension
// (its code-loading time plus the synchronous part of activate()).
import type { Page } from 'playwright-core';
import { runCommand } from '../e2e/ui';
import { waitFor } from '../harness/waitFor';

/** Display names as the editor shows them. */
export const benchExtensionNames = {
  plex: 'Plex',
  empty: 'Plex Bench: Empty Extension',
  emptyApi: 'Plex Bench: Empty Extension Using the API',
  github: 'GitHub Authentication',
} as const;

export type BenchExtension = keyof typeof benchExtensionNames;

interface RuntimeRow {
  name: string;
  activation: string;
}

async function visibleRows(page: Page): Promise<RuntimeRow[]> {
  return page.evaluate<RuntimeRow[]>(`[...document.querySelectorAll('.runtime-extensions-editor .monaco-list-row')].map((row) => ({
    name: (row.querySelector('.name')?.textContent ?? '').trim(),
    activation: (row.querySelector('.activation-time')?.textContent ?? '').trim(),
  }))`);
}

function activationMs(text: string): number | undefined {
  const match = /Activation: (\d+)ms$/.exec(text);
  return match === null ? undefined : Number(match[1]);
}

/** Opens the editor, reads the bench extensions' figures, closes it again. */
export async function readActivationTimes(page: Page): Promise<Record<BenchExtension, number>> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const times = await waitFor(
    async () => {
      const rows = await visibleRows(page);
      const found: Partial<Record<BenchExtension, number>> = {};
      for (const [key, name] of Object.entries(benchExtensionNames) as [BenchExtension, string][]) {
        const ms = activationMs(rows.find((row) => row.name === name)?.activation ?? '');
        if (ms === undefined) {
          return undefined;
        }
        found[key] = ms;
      }
      return found as Record<BenchExtension, number>;
    },
    { description: 'the Running Extensions editor to list Plex, the empty extensions and GitHub Authentication as activated', timeoutMs: 30_000 },
  );
  await runCommand(page, 'View: Close All Editors');
  return times;
}
