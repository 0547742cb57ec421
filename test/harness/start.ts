// `npm start`: try the extension in a browser with no Plex account. Starts the Plex stand-in
// with demo accounts and code-server on 127.0.0.1 with the extension installed from a freshly
// packaged .vsix and its settings pointing at the stand-in, then prints what to open.
//   npm start -- --plex-tv https://plex.tv   the real plex.tv (no stand-in, default settings)
//   npm start -- --dev                       load the extension from this folder instead (npm run watch + reload)
//   npm start -- --port 8080                 code-server's port (default 8080, or a free one if taken)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, startStandIn } from '../standin/index';
import type { StandIn } from '../standin/types';
import { disposeOnInterrupt } from './cleanup';
import { installExtension, startCodeServer, type CodeServer } from './codeServer';
import { ensureCodeServer } from './codeServerInstall';
import { currentVersion } from './vscodeVersions';
import { findFreePort, isPortFree } from './freePort';
import { repoRoot } from './paths';
import { standInSettings } from './standInSettings';
import { packageExtension } from './vsix';
import { workbenchUrl } from './workbenchUrl';

const realPlexTv = 'https://plex.tv';

interface StartOptions {
  /** undefined: run the stand-in. */
  plexTv: string | undefined;
  dev: boolean;
  port: number;
}

const usage = 'Usage: npm start -- [--plex-tv https://plex.tv] [--dev] [--port N]';

function parseArgs(args: string[]): StartOptions {
  const options: StartOptions = { plexTv: undefined, dev: false, port: 8080 };
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i];
    if (flag === '--help' || flag === '-h') {
      console.log(usage);
      process.exit(0);
    } else if (flag === '--dev') {
      options.dev = true;
    } else if (flag === '--plex-tv' || flag === '--port') {
      const value = args[i + 1];
      if (value === undefined) throw new Error(`${flag} needs a value\n${usage}`);
      i += 1;
      if (flag === '--plex-tv') {
        options.plexTv = new URL(value).toString().replace(/\/+$/, '');
      } else {
        options.port = Number(value);
        if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) throw new Error(`bad --port ${value}`);
      }
    } else {
      throw new Error(`unknown option ${flag}\n${usage}`);
    }
  }
  return options;
}

function demoAccountLines(standIn: StandIn): string[] {
  return standIn.accounts.map((account) => {
    const seed = DEMO_ACCOUNTS.find((candidate) => candidate.username === account.username);
    const servers = standIn.servers.filter((server) => server.owner === account.username).length;
    const notes = [
      servers > 0 ? `${servers} server${servers === 1 ? '' : 's'}` : '',
      account.verificationCode === undefined ? '' : `2FA code ${account.verificationCode}`,
      seed?.plexPass === true ? 'Plex Pass' : '',
    ].filter((note) => note !== '');
    return `    ${account.email.padEnd(20)} password ${account.password.padEnd(16)}${notes.length > 0 ? `(${notes.join(', ')})` : ''}`;
  });
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  await ensureCodeServer();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => console.error(`stopping: ${String(error)}`));
    }
  };
  // Ctrl-C is how this ends: cleanup.ts runs stopAll and exits.
  disposeOnInterrupt(stopAll);

  try {
    let standIn: StandIn | undefined;
    if (options.plexTv === undefined) {
      const started = await startStandIn();
      standIn = started;
      stops.push(() => started.close());
    }

    let extensionsDir: string | undefined;
    if (!options.dev) {
      const packageDir = mkdtempSync(join(tmpdir(), 'plex-vscode-start-'));
      stops.push(async () => rmSync(packageDir, { recursive: true, force: true }));
      console.log('Packaging the extension...');
      const vsix = await packageExtension(join(packageDir, 'plex-vscode.vsix'));
      extensionsDir = join(packageDir, 'extensions');
      await installExtension(vsix, extensionsDir);
    }

    const port = (await isPortFree(options.port)) ? options.port : await findFreePort();
    if (port !== options.port) {
      console.log(`Port ${options.port} is taken; using ${port}.`);
    }
    const settings =
      standIn !== undefined ? standInSettings(standIn) : options.plexTv === realPlexTv ? {} : { 'plex.plexTvUrl': options.plexTv };
    const codeServer: CodeServer = await startCodeServer({
      port,
      settings,
      ...(extensionsDir === undefined ? {} : { extensionsDir }),
      extensionDevelopment: options.dev,
      // The real plex.tv path may install other extensions; the stand-in path needs no gallery.
      ...(standIn === undefined ? { env: { EXTENSIONS_GALLERY: '' } } : {}),
    });
    stops.push(() => codeServer.stop());

    const url = options.dev
      ? workbenchUrl(codeServer.origin, codeServer.workspaceFolder, { extensionDevelopmentPath: repoRoot })
      : workbenchUrl(codeServer.origin, codeServer.workspaceFolder);
    const lines = [
      '',
      `Plex for VS Code is running in code-server (VS Code ${currentVersion().vscode})${options.dev ? ', loaded from this folder' : ''}.`,
      '',
      `  Open  ${url}`,
      '',
    ];
    if (standIn !== undefined) {
      lines.push(
        `  plex.tv is played by a local stand-in at ${standIn.plexTvUrl} with demo accounts`,
        '  (demo passwords, not secrets). Click the Plex icon in the activity bar, or run',
        '  "Plex: Sign In" from the command palette (F1), and use one of:',
        ...demoAccountLines(standIn),
        '',
      );
    } else {
      lines.push(`  Signing in talks to ${options.plexTv ?? realPlexTv}: use your own Plex account.`, '');
    }
    lines.push('Press Ctrl-C to stop.');
    console.log(lines.join('\n'));
  } catch (error) {
    await stopAll();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
