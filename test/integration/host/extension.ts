// The extension as the integration tests run it: the main of the extension folder the harness
// loads (scripts/build.mjs --under-test builds it into out/extension-under-test/, beside copies
// of the shipped dist/commands.js and dist/plex.js, with the shipped bundle's build options).
// It composes the shipped modules exactly as src/extension.ts does, on the test host port
// instead of the workbench's, with a SecretStorage whose next write a test can make fail, and
// hands the composed extension to the tests on the API.
import type * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../../src/api';
import { commandCode } from '../../../src/commandCode';
import { composeExtension, type ComposedExtension } from '../../../src/composition';
import { UNDER_TEST, type ExtensionUnderTest } from './extensionUnderTest';
import { FailableSecrets, withSecrets } from './failableSecrets';
import { TestHost } from './testHost';

let active: ComposedExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PlexExtensionApi> {
  const host = new TestHost(() => commandCode().vscodeUi);
  const secrets = new FailableSecrets(context.secrets);
  const composed = await composeExtension(withSecrets(context, secrets), host);
  active = composed;
  const underTest: ExtensionUnderTest = { composed, host, context, secrets, deactivate };
  return Object.defineProperty(composed.api, UNDER_TEST, { value: underTest });
}

export function deactivate(): Promise<void> {
  return active?.deactivate() ?? Promise.resolve();
}
