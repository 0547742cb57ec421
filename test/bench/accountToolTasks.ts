// The account tools' tasks, signed in as alice, the administrator of a Plex Home, with
// the Plex side bar showing, Servers and Plex Home folded and Devices still collapsed: each task's
// requests are counted alone.
import { randomUUID } from 'node:crypto';
import {
  answerDialog,
  answerQuickInput,
  clickTreeRow,
  clickTreeRowAction,
  pickQuickItem,
  runCommand,
  waitForNotification,
  waitForStatusBarItem,
  waitForTreeRow,
} from '../e2e/ui';
import type { StandIn } from '../standin/types';
import type { TaskRequests } from './requests';
import type { TaskName } from './results';
import { counted, setPaneExpanded } from './steps';
import type { BenchWindow } from './window';

type AccountToolTask =
  | 'homeUsersView'
  | 'homeSwitch'
  | 'homeSwitchBack'
  | 'homeSwitchFromView'
  | 'homeSwitchBackFromView'
  | 'devicesView'
  | 'removeDevice'
  | 'claimToken'
  | 'linkDevice'
  | 'copyAccountToken';

const benchDevice = 'Bench Device';

/**
 * Authorizes one more device on alice's account: a token issued in-process, then the device lists
 * the account's devices the way a Plex app does, which registers it (test/standin/devices.ts).
 * Done before the Devices view first loads, outside any counted task.
 */
async function addDevice(standIn: StandIn): Promise<void> {
  const response = await fetch(new URL('/devices.xml', standIn.plexTvUrl), {
    headers: {
      'X-Plex-Token': standIn.issueToken('alice'),
      'X-Plex-Client-Identifier': `plex-bench-device-${randomUUID()}`,
      'X-Plex-Product': 'Plex Web',
      'X-Plex-Device-Name': benchDevice,
      Accept: 'application/xml',
    },
  });
  await response.arrayBuffer();
  if (!standIn.devices('alice').some((device) => device.name === benchDevice)) {
    throw new Error(`the stand-in did not authorize ${benchDevice}`);
  }
}

export async function runAccountToolTasks(window: BenchWindow): Promise<Pick<Record<TaskName, TaskRequests>, AccountToolTask>> {
  const { page, standIn } = window;

  const homeUsersView = await counted(standIn, async () => {
    await setPaneExpanded(page, 'Plex Home', true);
    await waitForTreeRow(page, /^Kids/, 'Plex Home');
  });
  const homeSwitch = await counted(standIn, async () => {
    await runCommand(page, 'Plex: Switch Home User');
    await pickQuickItem(page, /Kids/);
    await waitForStatusBarItem(page, 'alice → Kids', 30_000);
    await waitForTreeRow(page, /^Kids\s*active/, 'Plex Home');
  });
  const homeSwitchBack = await counted(standIn, async () => {
    await runCommand(page, 'Plex: Switch Home User');
    await pickQuickItem(page, /Alice/);
    await waitForStatusBarItem(page, /^\s*alice\s*$/, 30_000);
    await waitForTreeRow(page, /^Alice\s*active/, 'Plex Home');
  });
  // The same switches from the Plex Home view's rows, which hand over the user they show.
  const homeSwitchFromView = await counted(standIn, async () => {
    await clickTreeRow(page, /^Kids/, 'Plex Home');
    await waitForStatusBarItem(page, 'alice → Kids', 30_000);
    await waitForTreeRow(page, /^Kids\s*active/, 'Plex Home');
  });
  const homeSwitchBackFromView = await counted(standIn, async () => {
    await clickTreeRow(page, /^Alice/, 'Plex Home');
    await waitForStatusBarItem(page, /^\s*alice\s*$/, 30_000);
    await waitForTreeRow(page, /^Alice\s*active/, 'Plex Home');
  });
  await setPaneExpanded(page, 'Plex Home', false);

  await addDevice(standIn);
  const devicesView = await counted(standIn, async () => {
    await setPaneExpanded(page, 'Devices', true);
    await waitForTreeRow(page, benchDevice, 'Devices');
  });
  const removeDevice = await counted(standIn, async () => {
    await clickTreeRowAction(page, benchDevice, 'Remove Device', 'Devices');
    await answerDialog(page, 'Remove Device');
    await waitForNotification(page, `${benchDevice} was removed from your Plex account.`, 30_000);
  });
  await setPaneExpanded(page, 'Devices', false);

  const claimToken = await counted(standIn, async () => {
    await runCommand(page, 'Plex: Copy Claim Token');
    await waitForNotification(page, /Claim token copied/, 30_000);
  });
  const linkDevice = await counted(standIn, async () => {
    const { code } = standIn.createLinkCode();
    await runCommand(page, 'Plex: Link a Device');
    await answerQuickInput(page, code, { prompt: /4-character code/ });
    await waitForNotification(page, /Device linked/, 30_000);
  });
  const copyAccountToken = await counted(standIn, async () => {
    await runCommand(page, 'Plex: Copy Account Token');
    await answerDialog(page, 'Copy Account Token');
    await waitForNotification(page, /Account token for .* copied/, 30_000);
  });
  return { homeUsersView, homeSwitch, homeSwitchBack, homeSwitchFromView, homeSwitchBackFromView, devicesView, removeDevice, claimToken, linkDevice, copyAccountToken };
}
