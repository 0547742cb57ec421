import * as vscode from 'vscode';
import { commandCode } from './commandCode';
import type { HostPort } from './hostPort';
import { isLoopbackHost } from './auth/gateway/connectionSecurity';

/** The workbench the extension runs in. The prompts are command code: they load with it. */
export const workbenchHost: HostPort = {
  get ui() {
    return commandCode().vscodeUi;
  },
  setContext: (key, value) => void vscode.commands.executeCommand('setContext', key, value),
  clock: {
    now: Date.now,
    setTimeout: (run, ms) => {
      const timer = setTimeout(run, ms);
      return { dispose: () => clearTimeout(timer) };
    },
  },
  clipboard: vscode.env.clipboard,
  isLocalAddress: (url) => isLoopbackHost(url.hostname),
};
