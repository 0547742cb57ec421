import * as vscode from 'vscode';
import type { PlexSourceConnectionInformation } from '../plex/types';

export const SOURCE_SCHEME = 'plex-source';

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

  async show(serverName: string, information: PlexSourceConnectionInformation): Promise<vscode.TextDocument> {
    this.sequence++;
    const uri = vscode.Uri.from({
      scheme: SOURCE_SCHEME,
      path: `/${sanitizeFileName(serverName)} - source connection information.md`,
      query: String(this.sequence),
    });
    this.documents.set(uri.toString(), render(information));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  dispose(): void {
    this.documents.clear();
    this.changeEmitter.dispose();
  }
}

function render(information: PlexSourceConnectionInformation): string {
  const lines = [
    `# ${vscode.l10n.t('Source connection information')}`,
    '',
    `- ${vscode.l10n.t('Name')}: ${plain(information.name)}`,
    `- ${vscode.l10n.t('Client identifier')}: ${plain(information.clientIdentifier)}`,
    `- ${vscode.l10n.t('Access token')}: ${information.accessToken ? vscode.l10n.t('hidden (use "Copy Access Token" in the notification)') : vscode.l10n.t('none')}`,
    '',
    `## ${vscode.l10n.t('Connections')}`,
    '',
  ];
  if (information.connections.length === 0) {
    lines.push(vscode.l10n.t('None listed.'));
  }
  for (const connection of information.connections) {
    const traits = [
      connection.local === undefined
        ? undefined
        : connection.local
          ? vscode.l10n.t({ message: 'local', comment: 'A connection that reaches the server on the local network.' })
          : vscode.l10n.t({ message: 'remote', comment: 'A connection that reaches the server over the internet.' }),
      connection.relay ? vscode.l10n.t({ message: 'relay', comment: 'A connection that reaches the server through the Plex relay.' }) : undefined,
      connection.protocol,
    ].filter((trait): trait is string => Boolean(trait));
    lines.push(`- ${plain(connection.uri)}${traits.length ? ` (${traits.join(', ')})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Server-supplied text shown as text: no markdown links, HTML or line breaks of its own. */
function plain(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>()#!|]/g, (character) => `\\${character}`);
}

function sanitizeFileName(value: string): string {
  return value.replace(/[^\p{L}\p{N} ._-]+/gu, '_').slice(0, 80) || 'server';
}
