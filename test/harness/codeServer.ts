// Starts code-server on 127.0.0.1 with fresh temp dirs and stops it by process group: killing
// only the parent would leave its server and extension hosts running and holding the port.
import { spawn, execFile } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { disposeOnInterrupt, killProcessGroupOnExit, signalProcessGroup } from './cleanup';
import { ensureCodeServer } from './codeServerInstall';
import { findFreePort } from './freePort';
import { writeUserSettings } from './userSettings';
import { waitFor, withTimeout } from './waitFor';

export interface CodeServerOptions {
  /** Written to <user-data-dir>/User/settings.json beside the harness's own defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server; it reaches the extension host. */
  env?: Record<string, string>;
  /** Use this extensions dir (e.g. one holding an installed .vsix) instead of a fresh empty one. */
  extensionsDir?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Receives each line code-server prints. */
  onOutput?: (line: string) => void;
  startTimeoutMs?: number;
  /** The workbench will load an extension from a development path (workbenchUrl's payload). */
  extensionDevelopment?: boolean;
}

export interface CodeServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** An empty temp folder opened as the workspace. */
  readonly workspaceFolder: string;
  /** The last lines code-server printed, for failure reports. */
  recentOutput(): string[];
  /**
   * Everything code-server printed so far, stdout and stderr each in a file of its own, byte for
   * byte as it arrived (for leak audits). The files go with the temp dirs on stop().
   */
  readonly outputFiles: readonly string[];
  stop(): Promise<void>;
}

const host = '127.0.0.1';
const keptOutputLines = 200;

/**
 * The environment for code-server. Variables a surrounding VS Code sets (VSCODE_IPC_HOOK_CLI in
 * particular) would make code-server hand its arguments to that VS Code instead of starting.
 */
function childEnvironment(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  // No extension gallery: these machines cannot reach one, and the workbench would log a failed
  // query on every start. A caller may pass its own EXTENSIONS_GALLERY.
  const env: NodeJS.ProcessEnv = { EXTENSIONS_GALLERY: '{}' };
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('VSCODE_') && name !== 'ELECTRON_RUN_AS_NODE') {
      env[name] = value;
    }
  }
  return { ...env, ...extra };
}

function commonArguments(userDataDir: string, extensionsDir: string, configFile: string): string[] {
  return [
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

function makeTempLayout(settings: Record<string, unknown> | undefined): { root: string; userDataDir: string; extensionsDir: string; workspaceFolder: string; configFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'plex-vscode-code-server-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const workspaceFolder = join(root, 'workspace');
  const configFile = join(root, 'config.yaml');
  for (const dir of [extensionsDir, workspaceFolder]) {
    mkdirSync(dir, { recursive: true });
  }
  writeUserSettings(userDataDir, settings);
  // An empty config so code-server neither reads nor writes ~/.config/code-server/config.yaml.
  writeFileSync(configFile, '');
  return { root, userDataDir, extensionsDir, workspaceFolder, configFile };
}

async function isHealthy(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  // The version PLEX_VSCODE names (vscodeVersions.ts), on the Node it needs.
  const { entry, node, version } = await ensureCodeServer();
  const layout = makeTempLayout(options.settings);
  const extensionsDir = options.extensionsDir ?? layout.extensionsDir;
  const port = options.port !== undefined && options.port > 0 ? options.port : await findFreePort(host);
  const origin = `http://${host}:${port}`;
  const output: string[] = [];
  const outputFiles = { stdout: join(layout.root, 'code-server.stdout.log'), stderr: join(layout.root, 'code-server.stderr.log') };
  // Written synchronously, so an audit reading the files sees every chunk received so far.
  const outputFds = { stdout: openSync(outputFiles.stdout, 'a'), stderr: openSync(outputFiles.stderr, 'a') };
  const closeOutputFiles = (): void => {
    for (const name of ['stdout', 'stderr'] as const) {
      if (outputFds[name] !== -1) {
        closeSync(outputFds[name]);
        outputFds[name] = -1;
      }
    }
  };

  const child = spawn(
    node,
    [
      entry,
      ...commonArguments(layout.userDataDir, extensionsDir, layout.configFile),
      '--auth', 'none',
      '--bind-addr', `${host}:${port}`,
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(options.extensionDevelopment === true ? (version.developmentArguments ?? []) : []),
      layout.workspaceFolder,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: childEnvironment(options.env) },
  );
  const pid = child.pid;
  if (pid === undefined) {
    closeOutputFiles();
    rmSync(layout.root, { recursive: true, force: true });
    throw new Error('code-server did not start (no pid)');
  }
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));

  const onLine = (line: string): void => {
    output.push(line);
    if (output.length > keptOutputLines) {
      output.shift();
    }
    options.onOutput?.(line);
  };
  for (const [name, stream] of [['stdout', child.stdout], ['stderr', child.stderr]] as const) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      if (outputFds[name] !== -1) {
        writeSync(outputFds[name], chunk);
      }
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    });
  }

  const killGroup = (signal: NodeJS.Signals): void => signalProcessGroup(pid, signal);
  // If the runner exits without calling stop(), the server must not outlive it.
  const forgetExitKill = killProcessGroupOnExit(pid, () => rmSync(layout.root, { recursive: true, force: true }));

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) {
      return;
    }
    stopped = true;
    forgetInterrupt();
    killGroup('SIGTERM');
    try {
      await withTimeout(exitedPromise, 10_000, 'code-server to exit after SIGTERM');
    } catch {
      killGroup('SIGKILL');
    }
    // Its extension hosts are in the same group; make sure none is left holding files.
    killGroup('SIGKILL');
    forgetExitKill();
    closeOutputFiles();
    rmSync(layout.root, { recursive: true, force: true });
  };
  const forgetInterrupt = disposeOnInterrupt(stop);

  try {
    await waitFor(
      async () => {
        if (exited) {
          throw new Error(`code-server exited early:\n${output.slice(-20).join('\n')}`);
        }
        return (await isHealthy(origin)) || undefined;
      },
      { description: `code-server to answer on ${origin}/healthz`, timeoutMs: options.startTimeoutMs ?? 60_000, intervalMs: 200 },
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    origin,
    port,
    userDataDir: layout.userDataDir,
    extensionsDir,
    workspaceFolder: layout.workspaceFolder,
    recentOutput: () => [...output],
    outputFiles: [outputFiles.stdout, outputFiles.stderr],
    stop,
  };
}

/** Installs a .vsix into `extensionsDir` with code-server's own CLI. */
export async function installExtension(vsixPath: string, extensionsDir: string): Promise<void> {
  const { entry, node } = await ensureCodeServer();
  const layout = makeTempLayout(undefined);
  try {
    await promisify(execFile)(
      node,
      [entry, ...commonArguments(layout.userDataDir, extensionsDir, layout.configFile), '--install-extension', vsixPath],
      { env: childEnvironment(undefined), timeout: 120_000 },
    );
  } finally {
    rmSync(layout.root, { recursive: true, force: true });
  }
}
