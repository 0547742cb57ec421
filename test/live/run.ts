// `npm run test:live`: the live check against a real Plex account. Reads PLEX_TOKEN (required),
// PLEX_SERVER_URL and PLEX_TV_URL (optional) from the environment; prints a skip line and exits 0
// without a token. Exits 1 when an operation fails to decode or shows a finding no listed
// deviation explains. Prints nothing that is not redacted.
import { randomUUID } from 'node:crypto';
import { runLiveCheck } from './liveCheck';
import { maskSecrets, reportLines } from './table';

const DEFAULT_PLEX_TV_URL = 'https://plex.tv';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

async function main(): Promise<number> {
  const token = nonEmpty(process.env['PLEX_TOKEN']);
  if (token === undefined) {
    console.log('test:live skipped: PLEX_TOKEN is not set (see "Check against your real Plex account" in README.md).');
    return 0;
  }
  const plexTvUrl = nonEmpty(process.env['PLEX_TV_URL']) ?? DEFAULT_PLEX_TV_URL;
  const serverUrl = nonEmpty(process.env['PLEX_SERVER_URL']);
  try {
    console.log(maskSecrets(`Live check against ${new URL(plexTvUrl).origin}${serverUrl === undefined ? '' : `, server ${new URL(serverUrl).origin}`}`, [token]));
    const report = await runLiveCheck({
      token,
      plexTvUrl,
      ...(serverUrl === undefined ? {} : { serverUrl }),
      clientIdentifier: `plex-vscode-live-check-${randomUUID()}`,
    });
    for (const line of reportLines(report)) console.log(line);
    const failed = report.rows.length === 0 || report.rows.some((row) => !row.ok && !(row.attempt && row.status === '-'));
    const noServer = !report.rows.some((row) => row.attempt && row.ok);
    const result = failed ? 'FAILED' : noServer ? 'passed for plex.tv; no server checked' : 'passed';
    console.log(`test:live ${result}`);
    return failed ? 1 : 0;
  } catch (error) {
    console.log(maskSecrets(`test:live FAILED: ${error instanceof Error ? error.message : String(error)}`, [token]));
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
