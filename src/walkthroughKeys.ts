// The walkthrough's names in package.json, as data (no vscode import: the manifest's unit tests
// read them too).

/** The walkthrough's id in package.json. */
export const WALKTHROUGH_ID = 'getStarted';

/**
 * Steps that complete when their work is done, whichever way it was done (a transient token copied
 * from the palette, the status-bar menu or a server's row; the trusted extensions shown), not when
 * a command starts that the user may cancel. Context keys last as long as the window; VS Code
 * keeps the ticks.
 */
export const WALKTHROUGH_DONE_KEYS = {
  transientToken: 'plex.walkthrough.transientTokenCopied',
  otherExtensions: 'plex.walkthrough.trustedExtensionsManaged',
} as const;
