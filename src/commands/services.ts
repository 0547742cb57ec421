import type * as vscode from 'vscode';
import type { AccountToolServices } from '../account/accountToolServices';
import type { AccountSwitchService } from '../auth/accountSwitchService';
import type { HomeService } from '../auth/homeService';
import type { JwtRenewal } from '../auth/jwt/jwtRenewal';
import type { RefreshService } from '../auth/refreshService';
import type { Session } from '../auth/session';
import type { SignInService } from '../auth/signInService';
import type { SignOutService } from '../auth/signOutService';
import type { TokenUpkeep } from '../auth/tokenUpkeep';
import type { HostPort } from '../hostPort';
import type { Log } from '../log';
import type { ConnectionSecurity } from '../auth/gateway/connectionSecurity';
import type { ServerServices } from '../servers/serverServices';

/**
 * What activation builds (dist/extension.js) and hands to the command code (dist/commands.js)
 * when a command first runs. Only instances cross: each module lives in one of the two bundles
 * (scripts/build.mjs checks), so no state is kept twice.
 */
export interface Core {
  globalState: vscode.Memento;
  /** The extension's global storage folder (may not exist yet): one per user, seen by every window. */
  globalStoragePath: string;
  /** SecretStorage: the command code reads the JWT device key from it when first needed. */
  secrets: vscode.SecretStorage;
  log: Log;
  session: Session;
  security: ConnectionSecurity;
  /** `<publisher>.<name>`: the authority of URIs that reach this extension's URI handler. */
  extensionId: string;
  /** This installation's client identifier (kept in globalState), for the gateway's clients. */
  clientIdentifier(): string;
  /** The prompts, context keys, clock and clipboard of the host the extension runs in. */
  host: HostPort;
}

/** What command handlers get to work with; built once, when the first command runs. */
export interface Services extends ServerServices, AccountToolServices {
  readonly session: Session;
  readonly signIn: SignInService;
  readonly signOut: SignOutService;
  /** Which signed-in account is the active one. */
  readonly accounts: AccountSwitchService;
  readonly refresh: RefreshService;
  readonly upkeep: TokenUpkeep;
  readonly home: HomeService;
  readonly jwtRenewal: JwtRenewal;
  /** The hourly look: renews a Plex JWT when due, else pings a classic token when due. */
  keepTokenAlive(): Promise<string>;
  /** "plex.jwt.enabled" changed: offers to sign in again when the session holds the other kind of token. */
  jwtSettingChanged(): Promise<boolean>;
}
