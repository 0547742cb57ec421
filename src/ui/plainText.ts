/**
 * Text from a server (a server name, a username) made safe to put in a notification, a progress
 * title or a dialog. VS Code turns `[label](command:...)` (and https:, file: targets) in those
 * into links, and a command link runs the command when clicked. A zero-width space between `]`
 * and `(` keeps the text as it reads while no link can form; line breaks become spaces. HTML
 * needs nothing: notifications show text, never markup.
 */
export function plainText(value: string): string {
  return value.replace(/\]\(/g, ']\u200b(').replace(/[\r\n]+/g, ' ');
}
