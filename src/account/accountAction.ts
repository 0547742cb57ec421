import * as vscode from 'vscode';
import type { StoredSession } from '../auth/storedSession';
import type { CommandId } from '../commandTable';
import type { AccountToolServices } from './accountToolServices';

/** The same account, acting as the same Home user (or as itself), as when `session` was read. */
export function sameIdentity(services: AccountToolServices, session: StoredSession): boolean {
  const now = services.session.stored;
  return now?.token === session.token && now.homeUser?.token === session.homeUser?.token;
}

/**
 * The shared shape of an account tool: a signed-in session, then `run`; a failure is reported
 * once (with Retry for passing trouble), unless the session changed while it ran: then the failure
 * belongs to a session that is gone.
 */
export async function accountAction(
  services: AccountToolServices,
  commandId: CommandId,
  run: (session: StoredSession) => Promise<void>,
  retry: () => unknown = () => vscode.commands.executeCommand(commandId),
): Promise<void> {
  // An expired session still tries: plex.tv accepting the token again makes it valid (as Refresh does).
  const session = services.session.stored;
  if (!session) {
    void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
    return;
  }
  try {
    await run(session);
  } catch (error) {
    if (!sameIdentity(services, session)) {
      services.log.info(`${commandId}: the session changed while it ran; its result was dropped.`);
      return;
    }
    services.errors.report(error, { action: commandId, where: 'Plex', token: session.token, retry });
  }
}
