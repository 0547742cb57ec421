// Decoders for plex.tv account answers: UserPlexAccount (GET /api/v2/user, sign-in) and PINs.
import {
  asArray,
  assignDefined,
  asObject,
  childPath,
  fieldError,
  get,
  readBoolean,
  readNumber,
  readOptionalBoolean,
  readOptionalNumber,
  readOptionalString,
  readString,
  type JsonObject,
} from './decodeFields';
import type { PlexAccount, PlexPin, PlexSignIn, PlexSubscription } from './types';

function readInteger(object: JsonObject, key: string, path: string): number {
  const value = readNumber(object, key, path);
  if (!Number.isSafeInteger(value)) {
    throw fieldError(childPath(path, key), 'integer', value);
  }
  return value;
}

/** Required, but a managed Home user (no login of its own) may have null here (PlexKit, dart_plex): read as ''. */
function readNullableString(object: JsonObject, key: string, path: string): string {
  return get(object, key) === null ? '' : readString(object, key, path);
}

function decodeSubscription(value: unknown, path: string): PlexSubscription {
  const object = asObject(value, path);
  const featuresValue = get(object, 'features');
  const features =
    featuresValue === undefined || featuresValue === null
      ? []
      : asArray(featuresValue, childPath(path, 'features')).map((feature, index) => {
          if (typeof feature !== 'string') {
            throw fieldError(childPath(childPath(path, 'features'), index), 'string', feature);
          }
          return feature;
        });
  const subscription: PlexSubscription = {
    active: readOptionalBoolean(object, 'active', path) ?? false,
    features,
  };
  assignDefined(subscription, 'status', readOptionalString(object, 'status', path));
  assignDefined(subscription, 'plan', readOptionalString(object, 'plan', path));
  assignDefined(subscription, 'subscribedAt', readOptionalString(object, 'subscribedAt', path));
  return subscription;
}

export function decodeAccount(value: unknown, path = 'user'): PlexAccount {
  const object = asObject(value, path);
  const account: PlexAccount = {
    id: readInteger(object, 'id', path),
    uuid: readString(object, 'uuid', path),
    username: readNullableString(object, 'username', path),
    title: readString(object, 'title', path),
    email: readNullableString(object, 'email', path),
    twoFactorEnabled: readBoolean(object, 'twoFactorEnabled', path),
    home: readOptionalBoolean(object, 'home', path) ?? false,
    homeAdmin: readOptionalBoolean(object, 'homeAdmin', path) ?? false,
  };
  assignDefined(account, 'friendlyName', readOptionalString(object, 'friendlyName', path));
  assignDefined(account, 'thumb', readOptionalString(object, 'thumb', path));
  assignDefined(account, 'joinedAt', readOptionalNumber(object, 'joinedAt', path));
  assignDefined(account, 'homeSize', readOptionalNumber(object, 'homeSize', path));
  // Only shown to the user, so an odd value is left out rather than failing the whole answer.
  const rememberExpiresAt = object.rememberExpiresAt;
  if (typeof rememberExpiresAt === 'number' && Number.isFinite(rememberExpiresAt)) {
    account.rememberExpiresAt = rememberExpiresAt;
  }
  assignDefined(account, 'maxHomeSize', readOptionalNumber(object, 'maxHomeSize', path));
  const subscription = get(object, 'subscription');
  if (subscription !== undefined && subscription !== null) {
    account.subscription = decodeSubscription(subscription, childPath(path, 'subscription'));
  }
  return account;
}

/** A sign-in answer is a UserPlexAccount whose authToken must be present. */
export function decodeSignIn(value: unknown, path = 'user'): PlexSignIn {
  const object = asObject(value, path);
  const authToken = readString(object, 'authToken', path);
  if (authToken === '') {
    throw fieldError(childPath(path, 'authToken'), 'non-empty string', authToken);
  }
  return { authToken, account: decodeAccount(object, path) };
}

export function decodePin(value: unknown, path = 'pin'): PlexPin {
  const object = asObject(value, path);
  const authToken = readOptionalString(object, 'authToken', path);
  const pin: PlexPin = {
    id: readInteger(object, 'id', path),
    code: readString(object, 'code', path),
    expiresIn: readNumber(object, 'expiresIn', path),
    // Unapproved PINs carry null; treat an empty string the same way.
    authToken: authToken === undefined || authToken === '' ? null : authToken,
  };
  assignDefined(pin, 'expiresAt', readOptionalString(object, 'expiresAt', path));
  return pin;
}
