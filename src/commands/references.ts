// Command arguments are references, never objects to trust: any extension can run a Plex command
// with any argument. A handler reads one own property of a known name and type (the id the views
// pass) and the service looks it up in what plex.tv listed for the active account.
import * as vscode from 'vscode';
import type { Ui } from '../ui/ui';

/** No argument (the palette, a keybinding): the service asks or uses the default. */
export const NONE = Symbol('no argument');

/** The own property `key` of `argument` when it has type `type`; NONE without an argument; undefined for anything else. */
export function referenceOf(argument: unknown, key: 'serverId' | 'userUuid', type: 'string'): string | typeof NONE | undefined;
export function referenceOf(argument: unknown, key: 'deviceId', type: 'number'): number | typeof NONE | undefined;
export function referenceOf(argument: unknown, key: string, type: 'string' | 'number'): string | number | typeof NONE | undefined {
  if (argument === undefined || argument === null) {
    return NONE;
  }
  if (typeof argument !== 'object' || !Object.hasOwn(argument, key)) {
    return undefined;
  }
  const value: unknown = Object.getOwnPropertyDescriptor(argument, key)?.value;
  return typeof value === type ? (value as string | number) : undefined;
}

/**
 * Runs `run` with the reference `argument` carries (undefined: none given); an argument that is
 * not a reference of this kind is refused with a message, and nothing is sent.
 */
export async function withReference<T extends string | number>(
  ui: () => Ui,
  reference: T | typeof NONE | undefined,
  run: (reference: T | undefined) => Promise<unknown>,
): Promise<void> {
  if (reference === undefined) {
    void ui().error(vscode.l10n.t('That Plex command takes an item of a Plex view, and was given something else, so nothing was sent.'));
    return;
  }
  await run(reference === NONE ? undefined : reference);
}
