import * as vscode from 'vscode';
import type { PlexSourceConnectionInformation } from '../plex/types';

/** The source-information document's text; the access token is never part of it. */
export function renderSourceDocument(information: PlexSourceConnectionInformation): string {
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
