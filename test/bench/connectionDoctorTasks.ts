// The connection doctor's tasks, signed in as dave, whose "Dave's Server" lists a slow (30 s), a
// refused, an impostor and a good connection in that order (test/standin/accounts.ts): Test
// Connections, and Copy Transient Token there against the same copy on a server whose only
// connection answers as the good one does. Each task's requests are counted alone.
import { clickTreeRowAction, waitForTreeRow } from '../e2e/ui';
import { DAVE_CONNECTIONS, DEMO_ACCOUNTS } from '../standin/accounts';
import type { StandInAccountSeed } from '../standin/types';
import { watchedAt, watchNotification } from './pageClock';
import type { TaskRequests } from './requests';
import type { LatencySample, TaskName } from './results';
import { clipboardWritten, passwordSignIn, setPaneExpanded, signOut, timed } from './steps';
import type { BenchWindow } from './window';

export const DAVE_SERVER = "Dave's Server";
const DAVE_SERVER_ID = 'da7e00000000000000000000000000000000001';
/** The control for the copy: one connection, served the way Dave's good one is (a listener of its own, no delay). */
export const SINGLE_ADDRESS_SERVER = "Dave's Single Address";

/** The demo accounts, with the control server added to dave's. */
export const benchAccounts: StandInAccountSeed[] = DEMO_ACCOUNTS.map((account) =>
  account.username !== 'dave'
    ? account
    : {
        ...account,
        servers: [
          ...(account.servers ?? []),
          {
            name: SINGLE_ADDRESS_SERVER,
            clientIdentifier: 'da7e00000000000000000000000000000000002',
            spec: '2024-09',
            connections: [{ protocol: 'http', local: true, relay: false, delayMs: 0 }],
          },
        ],
      },
);

/** What a probe waits at most with the default request timeout (src/servers/connectionChoice.ts). */
export const PROBE_TIMEOUT_MS = 5000;
/**
 * The impostor answers this late during Test Connections, so the sum of the connections' times
 * (the timeout, this, the good one's) is well above the slowest one's.
 */
export const IMPOSTOR_DELAY_MS = 2000;

const copyPairs = 5;

type DoctorTask = 'testConnections' | 'copyPastDeadAndSlow' | 'copyGoodAlone';

export interface DoctorResults {
  tasks: Pick<Record<TaskName, TaskRequests>, DoctorTask>;
  latency: Record<DoctorTask, LatencySample[]>;
}

/**
 * Signed out, the Plex side bar showing with Servers folded: signs in as dave, runs the tasks from
 * the Servers view's rows, and signs out again with Servers folded.
 */
export async function runConnectionDoctorTasks(window: BenchWindow): Promise<DoctorResults> {
  const { page, standIn } = window;
  await passwordSignIn(page, 'dave', 'dave-password');
  await setPaneExpanded(page, 'Servers', true);
  await waitForTreeRow(page, DAVE_SERVER, 'Servers');
  await waitForTreeRow(page, SINGLE_ADDRESS_SERVER, 'Servers');

  standIn.setConnectionDelay(DAVE_SERVER_ID, DAVE_CONNECTIONS.impostor, IMPOSTOR_DELAY_MS);
  await watchNotification(page, 'test-connections', 'Your token works there.');
  const tested = await timed(
    window,
    'mousedown',
    () => clickTreeRowAction(page, DAVE_SERVER, 'Test Connections', 'Servers'),
    () => watchedAt(page, 'test-connections'),
  );
  standIn.setConnectionDelay(DAVE_SERVER_ID, DAVE_CONNECTIONS.impostor, 0);

  // Alternated, so both copies meet the same load on the machine.
  const copy = (server: string) => timed(window, 'mousedown', () => clickTreeRowAction(page, server, 'Copy Transient Token', 'Servers'), clipboardWritten(page, true));
  const pastDeadAndSlow: LatencySample[] = [];
  const goodAlone: LatencySample[] = [];
  let copyPastDeadAndSlow: TaskRequests | undefined;
  let copyGoodAlone: TaskRequests | undefined;
  for (let pair = 1; pair <= copyPairs; pair++) {
    const dave = await copy(DAVE_SERVER);
    const single = await copy(SINGLE_ADDRESS_SERVER);
    pastDeadAndSlow.push(dave.latency);
    goodAlone.push(single.latency);
    copyPastDeadAndSlow ??= dave.requests;
    copyGoodAlone ??= single.requests;
  }
  await setPaneExpanded(page, 'Servers', false);
  await signOut(page);
  if (copyPastDeadAndSlow === undefined || copyGoodAlone === undefined) throw new Error('no copy ran');
  return {
    tasks: { testConnections: tested.requests, copyPastDeadAndSlow, copyGoodAlone },
    latency: { testConnections: [tested.latency], copyPastDeadAndSlow: pastDeadAndSlow, copyGoodAlone: goodAlone },
  };
}
