// Which value of a user-only setting counts, and the log line for workspace values that do not.
// No vscode import: the unit tests check it directly.

/**
 * The settings that decide where a credential goes, which kind of token a sign-in makes, or how
 * long a secret stays on the clipboard. They are the user's alone ("scope": "application" in
 * package.json): a repository's .vscode/settings.json must not send the next sign-in to its host.
 */
export const USER_ONLY_SETTINGS = ['plexTvUrl', 'authUrl', 'serverUrl', 'clipboard.clearAfterSeconds', 'jwt.enabled'] as const;

export type UserOnlySetting = (typeof USER_ONLY_SETTINGS)[number];

/** The parts of WorkspaceConfiguration.inspect()'s answer read here. */
export interface InspectedSetting {
  readonly defaultValue?: unknown;
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/**
 * One setting's layers, from the inspection of the whole "plex" section: one inspect() instead of
 * one per setting (each costs about 0.1 ms in the extension host; the section, 0.15 ms). Each layer
 * is a tree, `clipboard.clearAfterSeconds` at `{ clipboard: { clearAfterSeconds } }`.
 */
export function settingIn(section: InspectedSetting | undefined, key: UserOnlySetting): InspectedSetting {
  const at = (tree: unknown): unknown =>
    key.split('.').reduce<unknown>((node, name) => (typeof node === 'object' && node !== null && Object.hasOwn(node, name) ? (node as Record<string, unknown>)[name] : undefined), tree);
  return {
    defaultValue: at(section?.defaultValue),
    globalValue: at(section?.globalValue),
    workspaceValue: at(section?.workspaceValue),
    workspaceFolderValue: at(section?.workspaceFolderValue),
  };
}

interface SettingTypes {
  string: string;
  number: number;
  boolean: boolean;
}

/**
 * The user's value, else the default; never a workspace or folder value, even in a host that does
 * not apply the manifest's scope. A value of the wrong type counts as unset.
 */
export function userValue<K extends keyof SettingTypes>(
  inspected: InspectedSetting | undefined,
  type: K,
  fallback: SettingTypes[K],
): SettingTypes[K] {
  for (const value of [inspected?.globalValue, inspected?.defaultValue]) {
    if (typeof value === type) {
      return value as SettingTypes[K];
    }
  }
  return fallback;
}

/** A workspace (or one of its folders) sets this setting: a value userValue() ignored. */
export function setByWorkspace(inspected: InspectedSetting | undefined): boolean {
  return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
}

/**
 * The log line for the ignored workspace values, once: settings are read before every request,
 * and the same ignored values are reported again only after they changed.
 */
export class IgnoredWorkspaceSettings {
  private reported = '';

  /** The line to log for `ignored` (setting names without "plex."), or undefined when already said. */
  lineFor(ignored: readonly UserOnlySetting[]): string | undefined {
    const names = ignored.map((key) => `plex.${key}`).join(', ');
    const changed = names !== this.reported;
    this.reported = names;
    if (!changed || names === '') {
      return undefined;
    }
    return `Ignored this workspace's ${names}: only your user settings decide these.`;
  }
}
