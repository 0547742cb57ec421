import * as vscode from 'vscode';
import type { HostPort } from '../../../src/hostPort';
import type { Ui } from '../../../src/ui/ui';
import { LocalAddresses } from '../localAddresses';
import { RecordingClipboard } from './recordingClipboard';
import { TestClock } from './testClock';

/**
 * The host port of the extension under test: the tests' scripted prompts (the workbench's until
 * a test sets one), context keys recorded as well as set, a clock the tests can move, the
 * workbench's clipboard with its writes counted, and loopback addresses the tests can count as
 * another computer.
 */
export class TestHost implements HostPort {
  private scripted: Ui | undefined;
  private readonly keys = new Map<string, boolean>();
  readonly clock = new TestClock();
  readonly clipboard = new RecordingClipboard(vscode.env.clipboard);
  readonly localAddresses = new LocalAddresses();
  readonly isLocalAddress = this.localAddresses.isLocal;

  constructor(private readonly workbenchUi: () => Ui) {}

  get ui(): Ui {
    return this.scripted ?? this.workbenchUi();
  }

  /** A scripted Ui in place of the workbench's prompts; undefined restores them. */
  setUi(ui: Ui | undefined): void {
    this.scripted = ui;
  }

  readonly setContext = (key: string, value: boolean): void => {
    this.keys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };

  /** Each context key the extension has set, with its latest value. */
  get contextKeys(): ReadonlyMap<string, boolean> {
    return this.keys;
  }
}
