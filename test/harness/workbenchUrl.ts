// The workbench URL, optionally with the `payload` that makes the workbench load an extension
// from a development path and run its tests in the extension host (as VS Code's own browser
// integration tests do).

export interface DevelopmentPayload {
  /** Absolute path of the extension folder (package.json). */
  extensionDevelopmentPath: string;
  /** Absolute path of the compiled tests module exporting run(). */
  extensionTestsPath?: string;
}

export function workbenchUrl(origin: string, folder: string, payload?: DevelopmentPayload): string {
  const url = new URL(origin);
  url.searchParams.set('folder', folder);
  if (payload !== undefined) {
    const remote = `vscode-remote://${url.host}`;
    const entries: [string, string][] = [['extensionDevelopmentPath', `${remote}${payload.extensionDevelopmentPath}`]];
    if (payload.extensionTestsPath !== undefined) {
      entries.push(['extensionTestsPath', `${remote}${payload.extensionTestsPath}`]);
    }
    url.searchParams.set('payload', JSON.stringify(entries));
  }
  return url.toString();
}
