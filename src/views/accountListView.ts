import type * as vscode from 'vscode';
import type { PlexGateway, SessionTicket } from '../auth/gateway/plexGateway';
import type { SessionView } from '../auth/sessionView';
import { failureKind } from '../plex/failure';
import { describeFailure } from '../ui/errorMessages';
import type { ErrorReporter } from '../ui/errorReporter';
import type { TreeSource } from './lazyTree';

/** A view's one-line message row: a load failure (with Retry) or a note. */
export type MessageNode = { kind: 'message'; text: string; retry: boolean };

/**
 * A view of one list plex.tv keeps for the account (devices, webhooks): part of the command code
 * (dist/commands.js), loaded when the view is first shown. A failed load shows in the view, with
 * Retry, instead of a notification on every repaint; a refused token is reported once, as
 * everywhere (the session expires).
 */
export abstract class AccountListView<T> implements TreeSource<T | MessageNode>, vscode.Disposable {
  private lastError: { generation: number; error: unknown } | undefined;
  private repaintView: (() => void) | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: SessionView,
    private readonly gateway: PlexGateway,
    private readonly errors: ErrorReporter,
    /** What the log and a refused token's report call loading this list, e.g. "Loading devices". */
    private readonly loadingAction: string,
  ) {
    // Only another account (or status) changes the list; a sign-in starting or ending would only
    // hold the next real update back by VS Code's tree debounce (see AccountTreeProvider).
    let shown = { status: state.status, generation: state.generation };
    this.subscription = state.onDidChange(() => {
      if (state.status !== shown.status || state.generation !== shown.generation) {
        shown = { status: state.status, generation: state.generation };
        this.repaint();
      }
    });
  }

  /** The rows for the ticket's session, read from the kept list or plex.tv. */
  protected abstract rows(ticket: SessionTicket): Promise<(T | MessageNode)[]>;

  /** The next load asks plex.tv again. */
  protected abstract invalidate(): void;

  abstract getTreeItem(node: T | MessageNode): vscode.TreeItem;

  /** The view shows this source from now on; `repaint` asks VS Code to read it again. */
  attach(repaint: () => void): this {
    this.repaintView = repaint;
    return this;
  }

  /** Nothing to repaint until the view was first shown. */
  repaint(): void {
    this.repaintView?.();
  }

  /** Forgets a shown failure and the kept list, and repaints: the view asks plex.tv again. */
  reload(): void {
    this.lastError = undefined;
    this.invalidate();
    this.repaint();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  async getChildren(node?: T | MessageNode): Promise<(T | MessageNode)[]> {
    const ticket = this.gateway.ticket();
    if (node || !ticket || this.state.status !== 'signedIn') {
      return [];
    }
    if (this.lastError?.generation === ticket.generation) {
      return [failureNode(this.lastError.error)];
    }
    try {
      return await this.rows(ticket);
    } catch (error) {
      this.lastError = { generation: ticket.generation, error };
      if (failureKind(error) === 'token-invalid') {
        this.errors.report(error, { action: this.loadingAction, where: 'Plex', session: ticket.session });
        return [];
      }
      return [failureNode(error)];
    }
  }
}

function failureNode(error: unknown): MessageNode {
  return { kind: 'message', text: describeFailure(error, 'Plex'), retry: true };
}
