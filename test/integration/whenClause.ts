/**
 * Evaluates the small part of VS Code's when-clause language the manifest's palette entries use:
 * `true`, `false`, context keys, `!`, `&&` and `||` (no parentheses), with `||` binding loosest.
 */
export function evaluateWhen(clause: string, key: (name: string) => boolean): boolean {
  return clause.split('||').some((conjunction) =>
    conjunction.split('&&').every((term) => {
      const trimmed = term.trim();
      const negated = trimmed.startsWith('!');
      const name = negated ? trimmed.slice(1).trim() : trimmed;
      if (!/^(true|false|[\w.]+)$/.test(name)) {
        throw new Error(`Unsupported when clause: ${clause}`);
      }
      const value = name === 'true' ? true : name === 'false' ? false : key(name);
      return negated ? !value : value;
    }),
  );
}
