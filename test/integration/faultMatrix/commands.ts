// How the fault matrix runs the extension's commands, and what it passes them: the one place to
// change when a command's argument changes.
import * as vscode from 'vscode';
import type { PlexServer } from '../../../src/plex/types';
import type { DeviceNode } from '../../../src/views/deviceView';

/** A Plex Home user as the Plex Home view hands it to Switch Home User. */
export interface HomeUserArgument {
  id: number;
  uuid: string;
  title: string;
  kind: 'managed';
  admin: boolean;
  protected: boolean;
}

/** Runs a command as the palette does, with no argument. */
export async function runCommand(id: string): Promise<void> {
  await vscode.commands.executeCommand(id);
}

/** Runs a server command as a click in the Servers view does (the server's id), or from the palette (undefined). */
export async function runServerCommand(id: string, server: Pick<PlexServer, 'clientIdentifier'> | undefined): Promise<void> {
  await vscode.commands.executeCommand(id, server && { serverId: server.clientIdentifier });
}

/** Remove Device on a row of the Devices view. */
export async function removeDevice(device: DeviceNode | undefined): Promise<void> {
  await vscode.commands.executeCommand('plex.removeDevice', device);
}

/** Switch Home User on a row of the Plex Home view. */
export async function switchHomeUser(user: HomeUserArgument): Promise<void> {
  await vscode.commands.executeCommand('plex.switchHomeUser', { userUuid: user.uuid });
}
