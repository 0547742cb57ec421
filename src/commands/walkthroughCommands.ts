import type { CommandHandler } from '../commandTable';
import { openWalkthrough } from '../walkthrough';

/** Plex: Get Started opens the walkthrough (any argument is ignored). */
export function walkthroughCommandHandlers(extensionId: string): Record<'plex.getStarted', CommandHandler> {
  return {
    'plex.getStarted': () => openWalkthrough(extensionId),
  };
}
