// The "Get started with Plex" walkthrough (package.json's contributes.walkthroughs): opened by
// Plex: Get Started, the Account view's welcome, and once by itself on the first activation ever.
// Stateless (both bundles hold it): the only state is a globalState flag.
import * as vscode from 'vscode';
import { WALKTHROUGH_DONE_KEYS, WALKTHROUGH_ID } from './walkthroughKeys';

export { WALKTHROUGH_ID } from './walkthroughKeys';

/** Set once the walkthrough was opened by itself (or would have been): it never opens by itself again. Not a secret. */
export const WALKTHROUGH_OFFERED_KEY = 'plex.walkthroughOffered';

/**
 * VS Code's own switch for opening an extension's walkthrough when it is installed; the user's
 * answer counts for this one too. Machine-scoped: in a remote window (code-server included) the
 * extension host reads it from the remote's settings, not from the user's.
 */
const OPEN_ON_INSTALL = 'workbench.welcomePage.walkthroughs.openOnInstall';

/** Ticks a walkthrough step whose work was just done. */
export function walkthroughStepDone(step: keyof typeof WALKTHROUGH_DONE_KEYS): void {
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_DONE_KEYS[step], true);
}

/** Opens the walkthrough in the editor area (`extensionId` is `<publisher>.<name>`). */
export function openWalkthrough(extensionId: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false);
}

/**
 * On the first activation ever in this profile, opens the walkthrough, once. A profile where the
 * extension already kept anything in globalState (an upgrade from a version without the
 * walkthrough) is not a first activation, and `workbench.welcomePage.walkthroughs.openOnInstall`
 * off means never. The flag is written before the walkthrough opens, so a reload meanwhile
 * does not open it twice. Costs one in-memory read on every later activation.
 */
export async function openWalkthroughOnFirstActivation(globalState: vscode.Memento, extensionId: string): Promise<boolean> {
  if (globalState.get(WALKTHROUGH_OFFERED_KEY) !== undefined) {
    return false;
  }
  const usedBefore = globalState.keys().length > 0;
  const wanted = !usedBefore && vscode.workspace.getConfiguration().get<boolean>(OPEN_ON_INSTALL, true) !== false;
  await globalState.update(WALKTHROUGH_OFFERED_KEY, true);
  if (wanted) {
    await openWalkthrough(extensionId);
  }
  return wanted;
}
