import * as vscode from 'vscode';
import type { SessionTicket } from '../auth/gateway/plexGateway';
import type { CommandId } from '../commandTable';
import type { AccountToolServices } from './accountToolServices';

/**
 * The shared shape of an account tool: a signed-in session, then `run` with its ticket; a failure
 * is reported once (with Retry for passing trouble), unless the session changed while it ran
 * (another generation: a JWT renewal is the same session): then the failure belongs to a session that is gone.
 */
export async function accountAction(
  services: AccountToolServices,
  commandId: CommandId,
  run: (ticket: SessionTicket) => Promise<void>,
  retry: () => unknown,
): Promise<void> {
  // An expired session still tries: plex.tv accepting the token again makes it valid (as Refresh does).
  const ticket = services.gateway.ticket();
  if (!ticket) {
    void services.ui().info(vscode.l10n.t('Sign in to Plex first.'));
    return;
  }
  try {
    await run(ticket);
  } catch (error) {
    if (!services.gateway.isCurrent(ticket)) {
      services.log.info(`${commandId}: the session changed while it ran; its result was dropped.`);
      return;
    }
    services.errors.report(error, { action: commandId, where: 'Plex', session: ticket.session, retry });
  }
}
