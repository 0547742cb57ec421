import * as vscode from 'vscode';

/** What the "Plex" log channel wrote so far, from its files under the extension's log folder. */
export async function readLogText(logUri: vscode.Uri): Promise<string> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(logUri);
  } catch {
    return '';
  }
  const texts = await Promise.all(
    entries.filter(([, type]) => type === vscode.FileType.File).map(async ([name]) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(logUri, name)))),
  );
  return texts.join('\n');
}
