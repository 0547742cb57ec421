import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../src/api';
import type { PlexTestingApi } from './testingApi';
import type { DeviceNode } from '../../src/views/deviceView';
import type { StandInControl } from '../standin/controlClient';

type Api = PlexExtensionApi & { testing: PlexTestingApi };

export interface ShownDevice {
  label: string;
  description: string;
  tooltip: string;
  contextValue: string | undefined;
  /** The tree item's id: `device:<plex.tv device id>`, or undefined for a message row. */
  id: string | undefined;
  /** The retry command of a message row. */
  command: string | undefined;
}

/** The Devices view's rows as VS Code gets them. */
export async function shownDevices(api: Api): Promise<ShownDevice[]> {
  return (await api.testing.deviceTreeItems()).map((item) => ({
    label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
    description: typeof item.description === 'string' ? item.description : '',
    tooltip: typeof item.tooltip === 'string' ? item.tooltip : '',
    contextValue: item.contextValue,
    id: item.id,
    command: item.command?.command,
  }));
}

/** The node the Devices view hands to Remove Device for the row labelled `label`. */
export async function deviceNode(api: Api, label: string): Promise<DeviceNode> {
  const row = (await shownDevices(api)).find((shown) => shown.label === label);
  assert.ok(row?.id, `the Devices view shows ${label}`);
  const id = Number(row.id.replace(/^device:/, ''));
  return {
    kind: 'device',
    deviceId: id,
    device: {
      id,
      name: row.label,
      clientIdentifier: '',
      provides: [],
      current: row.contextValue === 'plex.device.current',
    },
  };
}

export function removeDeviceCommand(node: DeviceNode): Thenable<unknown> {
  return vscode.commands.executeCommand('plex.removeDevice', node);
}

/**
 * Authorizes one more device on `username`'s account, as a device that signs in and lists the
 * account's devices does, and returns the node Remove Device gets for it.
 */
export async function registerDevice(control: StandInControl, username: string, name: string): Promise<DeviceNode> {
  const clientIdentifier = `test-device-${randomUUID()}`;
  const response = await fetch(new URL('/devices.xml', process.env.PLEX_STANDIN_URL ?? ''), {
    headers: {
      'X-Plex-Token': await control.issueToken(username),
      'X-Plex-Client-Identifier': clientIdentifier,
      'X-Plex-Product': 'Plex Web',
      'X-Plex-Device-Name': name,
      Accept: 'application/xml',
    },
  });
  await response.arrayBuffer();
  const device = (await control.devices(username)).find((candidate) => candidate.clientIdentifier === clientIdentifier);
  assert.ok(device, `the stand-in authorized ${name}`);
  return { kind: 'device', deviceId: device.id, device: { id: device.id, name, clientIdentifier, provides: ['client'], current: false } };
}
