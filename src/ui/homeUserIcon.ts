import type { PlexHomeUser } from '../plex/accountToolsTypes';

/** A codicon by kind; avatars are not loaded (each would be a request to a third-party host). */
export function homeUserIcon(user: PlexHomeUser): string {
  switch (user.kind) {
    case 'administrator':
      return 'shield';
    case 'managed':
      return 'person';
    case 'guest':
      return 'person-add';
    case 'member':
      return 'account';
  }
}
