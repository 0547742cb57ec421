// Puts a fault in place for one case and takes it away again.
import { findFreePort } from '../../harness/freePort';
import { setSetting } from '../helpers';
import type { MatrixAction } from './actions';
import type { MatrixContext } from './context';
import type { MatrixFault } from './faults';

/** Arranges `fault` for `action`; the returned function undoes everything it changed. */
export async function arrangeFault(fault: MatrixFault, action: MatrixAction, context: MatrixContext): Promise<() => Promise<void>> {
  const { control, ui, server } = context;
  const undo = async (): Promise<void> => {
    ui.beforeVerificationCode = undefined;
    context.clickedServer = undefined;
    context.refusedAddress = undefined;
    ui.serverAddressAnswers.length = 0;
    await setSetting('serverUrl', undefined);
    await context.api.testing.forgetServerAnswers();
    await control.clearFaults();
    await setSetting('requestTimeoutSeconds', undefined);
    // The runner put the stand-in's URL in the user settings; put it back, never remove it.
    await setSetting('plexTvUrl', process.env.PLEX_STANDIN_URL);
  };
  if (fault.timeoutSeconds !== undefined) {
    // Before the action starts: a sign-in reads its settings once, when it begins.
    await setSetting('requestTimeoutSeconds', fault.timeoutSeconds);
  }
  const { make } = fault;
  switch (make.kind) {
    case 'rule': {
      const add = () =>
        control.addFault({
          route: make.route?.(action) ?? action.route,
          fault: make.fault(action.requiredField),
          ...(action.onServer ? { server: server.clientIdentifier } : {}),
        });
      if (action.faultAtVerificationCode) {
        ui.beforeVerificationCode = add;
      } else {
        await add();
      }
      break;
    }
    case 'refused': {
      // A port that was free a moment ago: nothing listens, so connecting is refused at once.
      const port = await findFreePort();
      const url = `http://127.0.0.1:${port}`;
      if (action.onServer) {
        // A server is reached only on connections plex.tv lists, or at plex.serverUrl once the user
        // allowed that address: the refused address is the setting's, allowed.
        await setSetting('serverUrl', url);
        ui.serverAddressAnswers.push(true);
        context.refusedAddress = new URL(url).host;
      } else {
        await setSetting('plexTvUrl', url);
      }
      break;
    }
    case 'pmsRestarted':
      await control.restartServer(server.clientIdentifier);
      break;
  }
  return undo;
}
