import * as vscode from 'vscode';
import type { DeviceList } from '../account/deviceList';
import { deviceName } from '../account/deviceName';
import type { PlexGateway, SessionTicket } from '../auth/gateway/plexGateway';
import type { SessionView } from '../auth/sessionView';
import type { PlexDevice } from '../plex/accountToolsTypes';
import type { ErrorReporter } from '../ui/errorReporter';
import { AccountListView, type MessageNode } from './accountListView';
import { messageItem } from './messageItem';

/** `deviceId` is what Remove Device reads (and looks up again in what plex.tv lists); `device` is only what the row shows. */
export type DeviceNode = { kind: 'device'; deviceId: number; device: PlexDevice } | MessageNode;

/** The Devices view's content: the account's authorized devices (see AccountListView). */
export class DeviceView extends AccountListView<Extract<DeviceNode, { kind: 'device' }>> {
  constructor(
    state: SessionView,
    gateway: PlexGateway,
    private readonly list: DeviceList,
    errors: ErrorReporter,
    private readonly now: () => number = Date.now,
  ) {
    super(state, gateway, errors, 'Loading devices');
  }

  protected async rows(ticket: SessionTicket): Promise<DeviceNode[]> {
    const devices = await this.list.load(ticket);
    return devices.length === 0
      ? [{ kind: 'message', text: vscode.l10n.t('No authorized devices on this account.'), retry: false }]
      : devices.map((device) => ({ kind: 'device', deviceId: device.id, device }));
  }

  protected invalidate(): void {
    this.list.invalidate();
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
