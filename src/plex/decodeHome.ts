// Decoders for Plex Home answers: the user list (GET /api/v2/home/users) and a switch
// (POST /api/v2/home/users/{uuid}/switch, a UserPlexAccount whose authToken is the user's token).
import type { PlexHome, PlexHomeSwitch, PlexHomeUser, PlexHomeUserKind } from './accountToolsTypes';
import { decodeAccount } from './decodeAccount';
import {
  asList,
  asObject,
  assignDefined,
  childPath,
  fieldError,
  get,
  readOptionalFlag,
  readOptionalNumeric,
  readOptionalString,
  readString,
  type JsonObject,
} from './decodeFields';
import { PlexResponseError } from './errors';

function readId(object: JsonObject, key: string, path: string): number {
  const value = readOptionalNumeric(object, key, path);
  if (value === undefined || !Number.isSafeInteger(value)) {
    throw fieldError(childPath(path, key), 'integer', get(object, key));
  }
  return value;
}

function kindOf(admin: boolean, guest: boolean, restricted: boolean): PlexHomeUserKind {
  if (admin) return 'administrator';
  if (guest) return 'guest';
  return restricted ? 'managed' : 'member';
}

export function decodeHomeUser(value: unknown, path: string): PlexHomeUser {
  const object = asObject(value, path);
  const username = readOptionalString(object, 'username', path);
  const title = readOptionalString(object, 'title', path) || username;
  if (title === undefined || title === '') {
    throw fieldError(childPath(path, 'title'), 'non-empty string', get(object, 'title'));
  }
  const admin = readOptionalFlag(object, 'admin', path) ?? false;
  const user: PlexHomeUser = {
    id: readId(object, 'id', path),
    uuid: readString(object, 'uuid', path),
    title,
    kind: kindOf(admin, readOptionalFlag(object, 'guest', path) ?? false, readOptionalFlag(object, 'restricted', path) ?? false),
    admin,
    protected: readOptionalFlag(object, 'protected', path) ?? false,
  };
  assignDefined(user, 'username', username === '' ? undefined : username);
  const profile = readOptionalString(object, 'restrictionProfile', path);
  assignDefined(user, 'restrictionProfile', profile === '' ? undefined : profile);
  return user;
}

/** A Home of one (or none) is "not in a Home": there is nobody to switch to. */
export function decodeHome(value: unknown, path = 'home'): PlexHome {
  const object = asObject(value, path);
  const usersPath = childPath(path, 'users');
  const users = asList(get(object, 'users')).map((user, index) => decodeHomeUser(user, childPath(usersPath, index)));
  // Administrator first; the rest keep plex.tv's order (sort is stable).
  users.sort((a, b) => Number(b.admin) - Number(a.admin));
  const inHome = users.some((user) => !user.admin);
  const home: PlexHome = { inHome, users: inHome ? users : [] };
  if (inHome) {
    assignDefined(home, 'id', readOptionalNumeric(object, 'id', path));
    assignDefined(home, 'name', readOptionalString(object, 'name', path));
  }
  return home;
}

export function notInHome(): PlexHome {
  return { inHome: false, users: [] };
}

/** The token is required; the account is kept only when it decodes as a full UserPlexAccount. */
export function decodeHomeSwitch(value: unknown, path = 'user'): PlexHomeSwitch {
  const object = asObject(value, path);
  // v2 answers carry authToken; v1-shaped answers authenticationToken.
  const authToken = readOptionalString(object, 'authToken', path) ?? readOptionalString(object, 'authenticationToken', path);
  if (authToken === undefined || authToken === '') {
    throw fieldError(childPath(path, 'authToken'), 'non-empty string', get(object, 'authToken'));
  }
  const result: PlexHomeSwitch = { authToken };
  try {
    result.account = decodeAccount(object, path);
  } catch (error) {
    if (!(error instanceof PlexResponseError)) throw error;
    // A partial account is no account: the caller reads it with the new token.
  }
  return result;
}
