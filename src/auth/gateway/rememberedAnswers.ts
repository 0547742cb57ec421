import type * as vscode from 'vscode';

/**
 * Yes/no answers the user gave, per server or host, kept in globalState (not secrets). Read into a
 * Map from the stored record's own properties: a key such as "constructor" or "__proto__" is an
 * answer only if the user gave one for it, never something every object inherits.
 */
export class RememberedAnswers {
  constructor(
    private readonly globalState: vscode.Memento,
    private readonly key: string,
  ) {}

  get(key: string): boolean | undefined {
    return this.all().get(key);
  }

  async set(key: string, answer: boolean): Promise<void> {
    const all = this.all();
    all.set(key, answer);
    await this.store(all);
  }

  /** Forgets one answer, or every answer. */
  async forget(key?: string): Promise<void> {
    const all = this.all();
    if (key === undefined) {
      all.clear();
    } else {
      all.delete(key);
    }
    await this.store(all);
  }

  private all(): Map<string, boolean> {
    const stored: unknown = this.globalState.get(this.key);
    const answers = new Map<string, boolean>();
    if (typeof stored === 'object' && stored !== null) {
      for (const key of Object.keys(stored)) {
        const answer: unknown = Object.getOwnPropertyDescriptor(stored, key)?.value;
        if (typeof answer === 'boolean') {
          answers.set(key, answer);
        }
      }
    }
    return answers;
  }

  private async store(answers: Map<string, boolean>): Promise<void> {
    // defineProperty, not assignment: a key named "__proto__" stays an ordinary own property.
    const record: Record<string, boolean> = {};
    for (const [key, answer] of answers) {
      Object.defineProperty(record, key, { value: answer, enumerable: true, writable: true, configurable: true });
    }
    await this.globalState.update(this.key, answers.size === 0 ? undefined : record);
  }
}
