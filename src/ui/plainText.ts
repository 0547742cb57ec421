/**
 * Text from a server (a server name, a username) made safe to put in a notification, a progress
 * title, a dialog, a quick pick or the status bar. VS Code turns `[label](command:...)` (and
 * https:, file: targets) in those into links, and a command link runs the command when clicked;
 * quick picks and the status bar draw `$(name)` as an icon, which a shared server's name could use
 * to pass for something it is not. A zero-width space between `]` and `(`, and between `$` and
 * `(`, keeps the text as it reads while neither can form; line breaks become spaces. HTML needs
 * nothing: these show text, never markup.
 */
export function plainText(value: string): string {
  return value
    .replace(/\]\(/g, ']\u200b(')
    .replace(/\$\(/g, '$\u200b(')
    .replace(/[\r\n]+/g, ' ');
}
