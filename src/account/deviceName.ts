import * as vscode from 'vscode';
import type { PlexDevice } from '../plex/accountToolsTypes';

/** What to call a device: its name, else its product (plex.tv leaves some names empty). Another device chose it: plainText() it for messages. */
export function deviceName(device: PlexDevice): string {
  return device.name.trim() || device.product || vscode.l10n.t('Unnamed device');
}
