import type * as CommandsModule from './commands/index';

/**
 * The command code (dist/commands.js), required on first use: activation never loads it. Node
 * keeps the module once loaded, so every caller gets the same instance.
 */
export function commandCode(): typeof CommandsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./commands.js') as typeof CommandsModule;
}
