import type { AuthState } from '../auth/authState';
import type { SessionStore } from '../auth/sessionStore';
import type { SignInService } from '../auth/signInService';
import type { SignOutService } from '../auth/signOutService';
import type { Log } from '../log';
import type { PlexClients } from '../plexApi';
import type { InsecureConnections } from '../servers/insecureConnections';
import type { ServerCatalog } from '../servers/serverCatalog';
import type { ErrorReporter } from '../ui/errorReporter';
import type { SecretClipboard } from '../ui/secretClipboard';
import type { Ui } from '../ui/ui';

/** What command handlers get to work with; built once in extension.ts. */
export interface Services {
  log: Log;
  store: SessionStore;
  state: AuthState;
  clients: PlexClients;
  catalog: ServerCatalog;
  insecure: InsecureConnections;
  signIn: SignInService;
  signOut: SignOutService;
  errors: ErrorReporter;
  clipboard: SecretClipboard;
  ui(): Ui;
}
