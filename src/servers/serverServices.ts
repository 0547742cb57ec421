import type * as vscode from 'vscode';
import type { PlexGateway } from '../auth/gateway/plexGateway';
import type { SessionView } from '../auth/sessionView';
import type { Log } from '../log';
import type { PlexSourceConnectionInformation } from '../plex/types';
import type { ErrorReporter } from '../ui/errorReporter';
import type { SecretClipboard } from '../ui/secretClipboard';
import type { Ui } from '../ui/ui';
import type { ConnectionReports } from './connectionReports';
import type { ServerCatalog } from './serverCatalog';

/** What the server actions work with; built once, with the command code. */
export interface ServerServices {
  readonly session: SessionView;
  readonly gateway: PlexGateway;
  readonly catalog: ServerCatalog;
  /** The last Test Connections result per server, for the Servers view. */
  readonly connectionReports: ConnectionReports;
  readonly clipboard: SecretClipboard;
  readonly errors: ErrorReporter;
  readonly log: Log;
  ui(): Ui;
  /** Opens the read-only source-information document. */
  showSourceDocument(serverName: string, information: PlexSourceConnectionInformation): Thenable<vscode.TextDocument>;
  /** Reads the account and its servers from plex.tv again (Refresh). */
  refreshServers(): Promise<unknown>;
}
