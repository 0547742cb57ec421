import type { PlexExtensionApi } from '../../../src/api';
import type { PlexTestingApi } from '../testingApi';
import type { PlexServer } from '../../../src/plex/types';
import type { DeviceNode } from '../../../src/views/deviceView';
import type { StandInControl } from '../../standin/controlClient';
import type { StandInServerInfo } from '../../standin/types';
import type { MatrixUi } from './matrixUi';

/** What a fault-matrix case works with. */
export interface MatrixContext {
  api: PlexExtensionApi & { testing: PlexTestingApi };
  ui: MatrixUi;
  control: StandInControl;
  /** The server the server actions use: "Alice's Cloud", one connection, set as the default. */
  server: StandInServerInfo;
  /** When set, server actions act on this server as if it was clicked in the Servers view. */
  clickedServer?: PlexServer;
  /** The device Remove Device removes: a fresh one per run (script). */
  device?: DeviceNode;
  /** The host:port of the refused address a server action was sent to (plex.serverUrl), when there is one. */
  refusedAddress?: string;
  /** What a background look answered (its run records it). */
  lookOutcome?: string;
  /** Where this case's lines begin in the "Plex" log. */
  logStart: number;
}
