// Redaction for anything that may reach a log or a message. Also bundled into the extension
// itself, so it stays tiny and imports nothing.

const MASK = '***';

// A value cut off before its closing quote (a truncated body) is masked to the end.
// Each rule keeps the part that says what the secret was and masks the value. Redaction runs on
// text servers sent, so every rule is linear: a rule starts at a fixed word ("token", "eyJ", ...)
// rather than at a name of any length before it, and no two quantifiers can share a character.
const RULES: readonly [RegExp, string | ((match: string) => string)][] = [
  // Header or query form: `X-Plex-Token: v`, `X-Plex-Token=v`, `"X-Plex-Token": "v"`.
  [/(x-plex-token["']?\s*[:=]\s*["']?)[^\s"'&#,;)}\]]+/gi, `$1${MASK}`],
  // JSON string fields whose name ends in "token": authToken, accessToken, token, ...
  [/(token"\s*:\s*")(?:[^"\\]|\\[\s\S])*("?)/gi, `$1${MASK}$2`],
  // The same inside a JSON string (a body logged as a string value): \"authToken\":\"v\".
  [/(token\\"\s*:\s*\\")(?:[^"\\]|\\[^"])*((?:\\")?)/gi, `$1${MASK}$2`],
  // XML attributes and single-quoted object dumps: token="v", accessToken='v', token: 'v'.
  [/(token\s*=\s*")[^"]*("?)/gi, `$1${MASK}$2`],
  [/(token\s*[=:]\s*')[^']*('?)/gi, `$1${MASK}$2`],
  // Query parameters whose name ends in "token".
  [/(token=)[^&#\s"']+/gi, `$1${MASK}`],
  // PMS transient tokens wherever they appear.
  [/transient-[\w.~+=-]*/gi, MASK],
  // JWTs (device and Plex) wherever they appear: a JSON header segment always starts `eyJ`. The
  // pattern takes the whole run whether or not it has a dot (so a failed try never rescans it);
  // only a run with a dot is a JWT.
  [/eyJ[\w-]*(?:\.[\w-]*){0,2}/g, (run) => (run.includes('.') ? MASK : run)],
  // The private member of a JWK (the device key).
  [/("d"\s*:\s*")[^"]*("?)/g, `$1${MASK}$2`],
];

export function redact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of RULES) {
    result = typeof replacement === 'string' ? result.replace(pattern, replacement) : result.replace(pattern, replacement);
  }
  return result;
}

/** Origin and path only: drops credentials, query and fragment, which may carry secrets. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return redact(`${parsed.origin}${parsed.pathname}`);
  } catch {
    return redact(url.split(/[?#]/, 1)[0] ?? '');
  }
}
