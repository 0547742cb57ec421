import * as vscode from 'vscode';
import type { DeviceList } from '../account/deviceList';
import { deviceName } from '../account/deviceName';
import type { PlexGateway } from '../auth/gateway/plexGateway';
import type { SessionView } from '../auth/sessionView';
import type { PlexDevice } from '../plex/accountToolsTypes';
import { failureKind } from '../plex/failure';
import { describeFailure } from '../ui/errorMessages';
import type { ErrorReporter } from '../ui/errorReporter';
import type { TreeSource } from './lazyTree';
import { messageItem } from './messageItem';

/** `deviceId` is what Remove Device reads (and looks up again in what plex.tv lists); `device` is only what the row shows. */
export type DeviceNode = { kind: 'device'; deviceId: number; device: PlexDevice } | { kind: 'message'; text: string; retry: boolean };

/**
 * The Devices view's content: part of the command code (dist/commands.js), loaded when the view
 * is first shown. A failed load shows in the view, with Retry, instead of a notification on every
 * repaint; a refused token is reported once, as everywhere (the session expires).
 */
export class DeviceView implements TreeSource<DeviceNode>, vscode.Disposable {
  private lastError: { generation: number; error: unknown } | undefined;
  private repaintView: (() => void) | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: SessionView,
    private readonly gateway: PlexGateway,
    private readonly list: DeviceList,
    private readonly errors: ErrorReporter,
    private readonly now: () => number = Date.now,
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
    this.list.invalidate();
    this.repaint();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  async getChildren(node?: DeviceNode): Promise<DeviceNode[]> {
    const ticket = this.gateway.ticket();
    if (node || !ticket || this.state.status !== 'signedIn') {
      return [];
    }
    if (this.lastError?.generation === ticket.generation) {
      return [failureNode(this.lastError.error)];
    }
    try {
      const devices = await this.list.load(ticket);
      return devices.length === 0
        ? [{ kind: 'message', text: vscode.l10n.t('No authorized devices on this account.'), retry: false }]
        : devices.map((device) => ({ kind: 'device', deviceId: device.id, device }));
    } catch (error) {
      this.lastError = { generation: ticket.generation, error };
      if (failureKind(error) === 'token-invalid') {
        this.errors.report(error, { action: 'Loading devices', where: 'Plex', session: ticket.session });
        return [];
      }
      return [failureNode(error)];
    }
  }

  getTreeItem(node: DeviceNode): vscode.TreeItem {
    if (node.kind === 'message') {
      return messageItem(node.text, node.retry ? 'plex.refreshDevices' : undefined);
    }
    return this.deviceItem(node.device);
  }

  private deviceItem(device: PlexDevice): vscode.TreeItem {
    // Names come from other devices: TreeItem labels and descriptions are plain text, never links.
    const item = new vscode.TreeItem(deviceName(device), vscode.TreeItemCollapsibleState.None);
    item.id = `device:${device.id}`;
    const lastSeen = device.lastSeenAt === undefined ? undefined : this.relative(device.lastSeenAt * 1000);
    item.description = [
      device.current ? vscode.l10n.t({ message: 'This device', comment: 'Beside a device: this VS Code, the device the extension signed in as.' }) : undefined,
      productAndVersion(device),
      device.platform,
      lastSeen,
    ]
      .filter((part): part is string => Boolean(part))
      .join(' · ');
    item.tooltip = [
      deviceName(device),
      productAndVersion(device),
      [device.platform, device.platformVersion].filter(Boolean).join(' '),
      device.device,
      device.lastSeenAt === undefined ? undefined : vscode.l10n.t('Last seen {0}', new Date(device.lastSeenAt * 1000).toLocaleString()),
      device.createdAt === undefined ? undefined : vscode.l10n.t('Authorized {0}', new Date(device.createdAt * 1000).toLocaleString()),
    ]
      .filter((part): part is string => Boolean(part))
      .join('\n');
    item.iconPath = new vscode.ThemeIcon(device.current ? 'vm-active' : device.provides.includes('server') ? 'server' : 'device-desktop');
    item.contextValue = device.current ? 'plex.device.current' : 'plex.device';
    return item;
  }

  private relative(epochMs: number): string {
    const seconds = Math.round((epochMs - this.now()) / 1000);
    const format = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'auto' });
    const units: [Intl.RelativeTimeFormatUnit, number][] = [
      ['year', 31_536_000],
      ['month', 2_592_000],
      ['week', 604_800],
      ['day', 86_400],
      ['hour', 3600],
      ['minute', 60],
    ];
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) {
        return format.format(Math.trunc(seconds / size), unit);
      }
    }
    return vscode.l10n.t({ message: 'just now', comment: 'When a device was last seen: less than a minute ago.' });
  }
}

function productAndVersion(device: PlexDevice): string | undefined {
  return [device.product, device.version].filter(Boolean).join(' ') || undefined;
}

function failureNode(error: unknown): DeviceNode {
  return { kind: 'message', text: describeFailure(error, 'Plex'), retry: true };
}
