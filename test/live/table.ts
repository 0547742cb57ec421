// The live check's report as a plain-text table. Every line passes through the service layer's
// redaction helper and then has each secret the check handled masked, so no token is printed.
import { redact } from '../../src/plex/redact';
import type { LiveReport } from './liveCheck';

const COLUMNS = [
  ['operation', 'operation'],
  ['HTTP status', 'status'],
  ['ms', 'ms'],
  ['decoded', 'decoded'],
  ['spec', 'spec'],
  ['deviations seen', 'deviations'],
] as const;

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = redact(text);
  for (const secret of secrets) if (secret.length > 0) masked = masked.split(secret).join('***');
  return masked;
}

export function reportLines(report: LiveReport): string[] {
  const cells = report.rows.map((row) => COLUMNS.map(([, key]) => row[key]));
  const widths = COLUMNS.map(([title], index) => Math.max(title.length, ...cells.map((line) => line[index]?.length ?? 0)));
  const format = (values: readonly string[]): string => values.map((value, index) => value.padEnd(widths[index] ?? 0)).join(' | ').trimEnd();
  const lines = [format(COLUMNS.map(([title]) => title)), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.map(format)];
  for (const row of report.rows) {
    for (const key of row.unlisted) lines.push(`unlisted finding in "${row.operation}": ${key}`);
  }
  lines.push(...report.notes);
  return lines.map((line) => maskSecrets(line, report.secrets));
}
