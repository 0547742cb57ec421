import * as vscode from 'vscode';
import type { IdentityProbe } from '../plex/connectionProbe';

/** Whether the server took the token at the best connection (one authenticated request). */
export type TokenCheck = { readonly accepted: true } | { readonly accepted: false; readonly message: string };

/** The last Test Connections of one server: a result per connection as each arrives. */
export interface ConnectionReport {
  readonly serverId: string;
  /** The session generation it was made in: a report of another session is not shown. */
  readonly generation: number;
  /** Per connection URI; absent while that probe still runs. */
  readonly results: ReadonlyMap<string, IdentityProbe>;
  /** The connection the server's commands would use, once known. */
  readonly best?: IdentityProbe & { readonly ok: true };
  readonly tokenCheck?: TokenCheck;
  readonly running: boolean;
  /** How long the probes took together (all in parallel). */
  readonly probeMs?: number;
}

/**
 * The connection reports of this window, for the Servers view's rows. Kept in memory only (a
 * report is about the network as it was), and only for the generation that made it.
 */
export class ConnectionReports implements vscode.Disposable {
  private readonly reports = new Map<string, ConnectionReport>();
  private readonly changeEmitter = new vscode.EventEmitter<string>();
  /** Fires with the server id whose report changed. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly generation: () => number) {}

  get(serverId: string): ConnectionReport | undefined {
    const report = this.reports.get(serverId);
    return report?.generation === this.generation() ? report : undefined;
  }

  set(report: ConnectionReport): void {
    this.reports.set(report.serverId, report);
    this.changeEmitter.fire(report.serverId);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
