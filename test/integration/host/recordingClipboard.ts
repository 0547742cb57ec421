import type { Clipboard } from '../../../src/hostPort';

/** The workbench's clipboard (the tests read it with vscode.env.clipboard), with a count of the extension's writes. */
export class RecordingClipboard implements Clipboard {
  private writeCount = 0;

  constructor(private readonly clipboard: Clipboard) {}

  /** How many times the extension has written the clipboard (a copy or a clear). */
  get writes(): number {
    return this.writeCount;
  }

  readText(): Thenable<string> {
    return this.clipboard.readText();
  }

  writeText(value: string): Thenable<void> {
    this.writeCount++;
    return this.clipboard.writeText(value);
  }
}
