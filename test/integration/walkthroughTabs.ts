// The walkthrough's editor as the extension API sees it: a tab of an editor the API has no type
// for (input undefined), named after the extension ("Walkthrough: Plex", as VS Code 1.100 does),
// or "Welcome" in a VS Code that names every walkthrough page so.
import * as vscode from 'vscode';

export function walkthroughTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input === undefined && /^Walkthrough: Plex$|^Welcome$/.test(tab.label));
}

/** Closes every walkthrough tab, so a test sees only what its own action opens. */
export async function closeWalkthroughTabs(): Promise<void> {
  const tabs = walkthroughTabs();
  if (tabs.length > 0) {
    await vscode.window.tabGroups.close(tabs);
  }
}
