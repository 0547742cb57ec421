// Command arguments are references, never objects to trust: any extension can run a Plex command
// with any argument. A handler reads one own property of a known name and type (the id the views
// pass) and the service looks it up in what plex.tv listed for the active account.
import * as vscode from 'vscode';
import type { Ui } from '../ui/ui';

/** No argument (the palette, a keybinding): the service asks or uses the default. */
export const NONE = Symbol('no argument');

/** The own property `key` of `argument` when it has type `type`; NONE without an argument; undefined for anything else. */
export function referenceOf(argument: unknown, key: 'serverId' | 'userUuid' | 'webhookUrl' | 'accountId', type: 'string'): string | typeof NONE | undefined;
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
 * The reference `argument` carries under `key` (undefined: no argument, the service asks), or
 * false after telling the user that the argument is not a reference of this kind: nothing is sent.
 */
export function takeReference<T extends string | number>(ui: () => Ui, reference: T | typeof NONE | undefined): T | undefined | false {
  if (reference === undefined) {
    void ui().error(vscode.l10n.t('That Plex command takes an item of a Plex view, and was given something else, so nothing was sent.'));
    return false;
  }
  return reference === NONE ? undefined : reference;
}
