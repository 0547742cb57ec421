import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';

const KEY = 'plex.clientIdentifier';

/**
 * One identifier per installation, kept for good: a new one looks like a new device to Plex,
 * and a PIN created with one identifier cannot be redeemed with another.
 */
export function clientIdentifier(globalState: vscode.Memento): string {
  let id = globalState.get<string>(KEY);
  if (!id) {
    id = randomUUID();
    void globalState.update(KEY, id);
  }
  return id;
}
