import type * as vscode from 'vscode';
import type { AccountRequests, SessionView } from '../auth/sessionView';
import type { Log } from '../log';
import type { PlexSourceConnectionInformation } from '../plex/types';
import type { PlexClients } from '../plexApi';
import type { ErrorReporter } from '../ui/errorReporter';
import type { SecretClipboard } from '../ui/secretClipboard';
import type { Ui } from '../ui/ui';
import type { InsecureConnections } from './insecureConnections';
import type { ServerCatalog } from './serverCatalog';

/** What the server actions work with; built once, with the command code. */
export interface ServerServices {
  readonly session: SessionView & AccountRequests;
  readonly catalog: ServerCatalog;
  readonly clients: PlexClients;
  readonly insecure: InsecureConnections;
  readonly clipboard: SecretClipboard;
  readonly errors: ErrorReporter;
  readonly log: Log;
  ui(): Ui;
  /** Opens the read-only source-information document. */
  showSourceDocument(serverName: string, information: PlexSourceConnectionInformation): Thenable<vscode.TextDocument>;
}
