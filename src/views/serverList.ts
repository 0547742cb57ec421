import type { PlexGateway } from '../auth/gateway/plexGateway';
import type { PlexServer } from '../plex/types';
import type { ServerCatalog } from '../servers/serverCatalog';
import type { ErrorReporter } from '../ui/errorReporter';
import { failureKind } from '../plex/failure';
import { describeFailure } from '../ui/errorMessages';
import { withCancellableProgress } from '../ui/progress';

/**
 * Loads the Servers view's top level from plex.tv, with progress in the view, and keeps the last
 * failure so the view shows it (with Retry) instead of asking again on every repaint. Part of the
 * command code (dist/commands.js): the view only needs it once it shows a signed-in account.
 */
export class ServerListLoader {
  private lastError: { generation: number; error: unknown } | undefined;

  constructor(
    private readonly gateway: PlexGateway,
    private readonly catalog: ServerCatalog,
    private readonly errors: ErrorReporter,
  ) {}

  /** Forgets a shown failure; true when there was one, so the view must repaint. */
  clearError(): boolean {
    const had = this.lastError !== undefined;
    this.lastError = undefined;
    return had;
  }

  /** The servers, or the sentence that says why they could not be loaded. */
  async load(): Promise<readonly PlexServer[] | { failure: string }> {
    const ticket = this.gateway.ticket();
    if (!ticket) {
      return [];
    }
    if (this.lastError?.generation === ticket.generation && !this.catalog.cached) {
      return { failure: describeFailure(this.lastError.error, 'Plex') };
    }
    try {
      const servers =
        this.catalog.cached ??
        (await withCancellableProgress('', (signal) => this.catalog.list(signal), { viewId: 'plex.servers' }));
      this.lastError = undefined;
      return servers;
    } catch (error) {
      this.lastError = { generation: ticket.generation, error };
      if (failureKind(error) === 'token-invalid') {
        this.errors.report(error, { action: 'Loading servers', where: 'Plex', session: ticket.session });
        return [];
      }
      return { failure: describeFailure(error, 'Plex') };
    }
  }
}
