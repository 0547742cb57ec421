import type * as vscode from 'vscode';

/**
 * The extension's SecretStorage in the tests: VS Code's own, except that a test can make the next
 * write fail as a locked keychain does (the write rejects and nothing is stored).
 */
export class FailableSecrets implements vscode.SecretStorage {
  private failNext = false;
  /** Writes that were made to fail. */
  failedWrites = 0;
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = secrets.onDidChange;
  }

  /** The next store() rejects, once. */
  failNextWrite(): void {
    this.failNext = true;
  }

  get(key: string): Thenable<string | undefined> {
    return this.secrets.get(key);
  }

  store(key: string, value: string): Thenable<void> {
    if (this.failNext) {
      this.failNext = false;
      this.failedWrites++;
      return Promise.reject(new Error('The keychain is locked.'));
    }
    return this.secrets.store(key, value);
  }

  delete(key: string): Thenable<void> {
    return this.secrets.delete(key);
  }
}

/**
 * `context` with `secrets` in place of VS Code's SecretStorage; every other member is VS Code's,
 * inherited (the context is frozen, so a Proxy may not answer differently for `secrets`).
 */
export function withSecrets(context: vscode.ExtensionContext, secrets: vscode.SecretStorage): vscode.ExtensionContext {
  return Object.create(context, { secrets: { value: secrets, enumerable: true } }) as vscode.ExtensionContext;
}
