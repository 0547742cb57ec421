import * as vscode from 'vscode';
import { SOURCE_SCHEME } from './sourceScheme';

/**
 * Read-only virtual documents showing source connection information. The access token is
 * never part of the text; the user copies it with an explicit action instead.
 */
export class SourceDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private sequence = 0;

  readonly onDidChange = this.changeEmitter.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? vscode.l10n.t('This document is no longer available. Run "Plex: Show Source Connection Information" again.');
  }

  /** Opens `text` (rendered by sourceDocumentText.ts, in the command code) as a read-only document. */
  async show(serverName: string, text: string): Promise<vscode.TextDocument> {
    this.sequence++;
    const uri = vscode.Uri.from({
      scheme: SOURCE_SCHEME,
      path: `/${sanitizeFileName(serverName)} - source connection information.md`,
      query: String(this.sequence),
    });
    this.documents.set(uri.toString(), text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  dispose(): void {
    this.documents.clear();
    this.changeEmitter.dispose();
  }
}

function sanitizeFileName(value: string): string {
  return value.replace(/[^\p{L}\p{N} ._-]+/gu, '_').slice(0, 80) || 'server';
}
