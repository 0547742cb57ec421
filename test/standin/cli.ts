// `npm run standin`: the stand-in on its own, for trying the extension or poking at it with curl.
import { DEMO_ACCOUNTS, startStandIn } from './index';

interface CliOptions {
  port: number;
  host: string;
  authHost?: string;
}

function parseArgs(args: string[]): CliOptions {
  const options: CliOptions = { port: 0, host: '127.0.0.1' };
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag === '--help' || flag === '-h') {
      console.log('Usage: npm run standin -- [--port N] [--host H] [--auth-host H]');
      process.exit(0);
    }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--port') {
      options.port = Number(value);
      if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`bad --port ${value}`);
    } else if (flag === '--host') {
      options.host = value;
    } else if (flag === '--auth-host') {
      options.authHost = value;
    } else {
      throw new Error(`unknown option ${flag}`);
    }
    i += 1;
  }
  return options;
}

function describe(username: string, servers: number): string {
  const notes: string[] = [];
  if (DEMO_ACCOUNTS.find((seed) => seed.username === username)?.plexPass === true) notes.push('Plex Pass');
  if (servers > 0) notes.push(`${servers} server${servers === 1 ? '' : 's'}`);
  return notes.length === 0 ? '' : `  (${notes.join(', ')})`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const standIn = await startStandIn(options);
  const lines = [
    'Plex stand-in is running (Ctrl-C to stop).',
    '',
    `  plex.tv      ${standIn.plexTvUrl}`,
    `  auth page    ${standIn.authUrl}`,
    `  control API  ${standIn.plexTvUrl}/__standin/state`,
    '',
    '  Servers:',
    ...standIn.servers.map((server) => `    ${server.name} (${server.clientIdentifier}, owner ${server.owner})  ${server.url}`),
    '',
    '  Demo accounts (demo passwords, not secrets):',
    ...standIn.accounts.map(
      (account) =>
        `    ${account.username.padEnd(8)} ${account.email.padEnd(20)} password ${account.password}` +
        (account.verificationCode === undefined ? '' : `  2FA code ${account.verificationCode}`) +
        describe(account.username, standIn.servers.filter((server) => server.owner === account.username).length),
    ),
    '',
    "  Remote https connections at https://127.0.0.1:1 are deliberately unreachable (they fail fast).",
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    standIn.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`stand-in: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
