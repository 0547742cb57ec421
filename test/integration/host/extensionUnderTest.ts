import type * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../../src/api';
import type { ComposedExtension } from '../../../src/composition';
import type { FailableSecrets } from './failableSecrets';
import type { TestHost } from './testHost';

/** What the integration tests' build of the extension (./extension.ts) hands to the tests. */
export interface ExtensionUnderTest {
  readonly composed: ComposedExtension;
  readonly host: TestHost;
  readonly context: vscode.ExtensionContext;
  /** The SecretStorage the extension was given: VS Code's, with writes a test can make fail. */
  readonly secrets: FailableSecrets;
  /** The module's deactivate(), which VS Code calls before disposing context.subscriptions. */
  deactivate(): void;
}

/**
 * The key under which the API that activate() returns carries the ExtensionUnderTest: a
 * Symbol.for, because the entry and each test file are separate bundles.
 */
export const UNDER_TEST = Symbol.for('plex-vscode.extensionUnderTest');

export function extensionUnderTest(api: PlexExtensionApi): ExtensionUnderTest | undefined {
  return (api as PlexExtensionApi & { [UNDER_TEST]?: ExtensionUnderTest })[UNDER_TEST];
}
