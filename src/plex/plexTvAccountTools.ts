// plex.tv account tools: Plex Home users and switching, authorized devices, claim tokens, and
// linking another device's plex.tv/link code. Same request core (PlexHttp) as PlexTvClient; every
// call takes the account (or active Home user's) token and an optional AbortSignal.
import { DeviceNotFoundError, HomePinInvalidError, HomeUserNotFoundError, LinkCodeInvalidError } from './accountToolsErrors';
import { LINK_CODE_PATTERN, type PlexClaimToken, type PlexDevice, type PlexHome, type PlexHomeSwitch } from './accountToolsTypes';
import { decodeClaimToken } from './decodeClaimToken';
import { decodeDevices } from './decodeDevices';
import { decodeHome, decodeHomeSwitch, notInHome } from './decodeHome';
import { isPlexError, PlexResponseError, type PlexError, type PlexErrorDetails } from './errors';
import { PlexHttp } from './http';
import { DEFAULT_PLEX_TV_URL, jsonOf } from './plexTvClient';
import type { PlexClientIdentity, PlexRequestOptions, PlexTvClientOptions } from './types';

function detailsOf(error: PlexError): PlexErrorDetails {
  return {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.plexCode === undefined ? {} : { plexCode: error.plexCode }),
  };
}

/** Runs a request and replaces the errors `translate` recognises with the operation's own. */
async function translating<T>(run: () => Promise<T>, translate: (error: PlexError) => PlexError | undefined): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isPlexError(error)) {
      throw translate(error) ?? error;
    }
    throw error;
  }
}

/** Every device the account ever authorized stays listed until removed: long-lived accounts have thousands. */
export const DEVICE_LIST_CAP_BYTES = 8 * 1024 * 1024;

export interface SwitchHomeUserRequest {
  /** The Home user's uuid (PlexHomeUser.uuid). */
  uuid: string;
  /** The user's Home PIN; needed when the user is protected. Sent once, never kept. */
  pin?: string;
}

export class PlexTvAccountTools {
  private readonly http: PlexHttp;
  private readonly identity: PlexClientIdentity;

  constructor(options: PlexTvClientOptions) {
    this.identity = options.identity;
    this.http = new PlexHttp({ ...options, baseUrl: options.baseUrl ?? DEFAULT_PLEX_TV_URL });
  }

  /** The Home's users, administrator first; `inHome` false (and no users) when the account has no Home. */
  async listHomeUsers(token: string, options?: PlexRequestOptions): Promise<PlexHome> {
    try {
      const body = await this.http.request(
        { method: 'GET', path: '/api/v2/home/users', token, expect: 'json', context: 'plex-tv-token', retry: true },
        options,
      );
      return decodeHome(jsonOf(body));
    } catch (error) {
      // plex.tv has no Home to list for an account outside one.
      if (isPlexError(error) && error.kind === 'server-error' && error.status === 404) {
        return notInHome();
      }
      throw error;
    }
  }

  /**
   * Switches to a Home user: the answer holds that user's own token (and usually its account).
   * Not retried. HomePinInvalidError: ask for the PIN (again). HomeUserNotFoundError: the user left the Home.
   */
  async switchHomeUser(token: string, request: SwitchHomeUserRequest, options?: PlexRequestOptions): Promise<PlexHomeSwitch> {
    if (!/^[\w-]{1,100}$/.test(request.uuid)) {
      throw new TypeError('The Home user uuid is malformed.');
    }
    const pin = request.pin === undefined || request.pin === '' ? undefined : request.pin;
    const body = await translating(
      () =>
        this.http.request(
          {
            method: 'POST',
            path: `/api/v2/home/users/${request.uuid}/switch`,
            // plex.tv reads the PIN from the query only; the request log never shows a query string.
            ...(pin === undefined ? {} : { query: { pin } }),
            token,
            expect: 'json',
            context: 'plex-tv-token',
            retry: false,
          },
          options,
        ),
      (error) => {
        if (error.plexCode === 1041) {
          const message =
            pin === undefined ? 'This Home user is protected by a PIN: enter the PIN.' : 'That PIN is not correct for this Home user.';
          return new HomePinInvalidError(message, detailsOf(error));
        }
        if (error.kind === 'server-error' && error.status === 404) {
          return new HomeUserNotFoundError('This user is no longer in the Plex Home.', detailsOf(error));
        }
        return undefined;
      },
    );
    return decodeHomeSwitch(jsonOf(body));
  }

  /**
   * The account's authorized devices, in plex.tv's order, with `current` marking this one. The
   * answer carries every device's token; none of them is read (see decodeDevices.ts).
   */
  async listDevices(token: string, options?: PlexRequestOptions): Promise<PlexDevice[]> {
    const body = await this.http.request(
      {
        method: 'GET',
        path: '/devices.xml',
        // plex.tv documents only the XML form; asking for XML keeps the tokens out of any JSON parse.
        headers: { Accept: 'application/xml' },
        token,
        expect: 'xml',
        maxBodyBytes: DEVICE_LIST_CAP_BYTES,
        context: 'plex-tv-token',
        retry: true,
      },
      options,
    );
    if (body.format !== 'xml') {
      throw new PlexResponseError('Plex sent a device list that was not XML.');
    }
    return decodeDevices(body.text, this.identity.clientIdentifier);
  }

  /** Revokes a device's access (its token stops working). Removing the current device signs this device out. */
  async removeDevice(token: string, deviceId: number, options?: PlexRequestOptions): Promise<void> {
    if (!Number.isSafeInteger(deviceId) || deviceId < 0) {
      throw new TypeError('The device id must be a non-negative integer.');
    }
    await translating(
      () =>
        this.http.request(
          { method: 'DELETE', path: `/devices/${deviceId}.xml`, token, expect: 'none', context: 'plex-tv-token', retry: false },
          options,
        ),
      (error) =>
        error.kind === 'server-error' && error.status === 404
          ? new DeviceNotFoundError('This device is no longer authorized on the account.', detailsOf(error))
          : undefined,
    );
  }

  /** A fresh claim token for a new Plex Media Server (PLEX_CLAIM); short-lived, see `expiresAt`. */
  async getClaimToken(token: string, options?: PlexRequestOptions): Promise<PlexClaimToken> {
    const requestedAt = Date.now();
    const body = await this.http.request(
      { method: 'GET', path: '/api/claim/token.json', token, expect: 'json', context: 'plex-tv-token', retry: true },
      options,
    );
    return decodeClaimToken(jsonOf(body), requestedAt);
  }

  /**
   * Links the code another device shows at plex.tv/link to this account (or active Home user).
   * LinkCodeInvalidError: malformed (no request sent), unknown or expired. Not retried.
   */
  async linkDevice(token: string, code: string, options?: PlexRequestOptions): Promise<void> {
    const trimmed = code.trim();
    if (!LINK_CODE_PATTERN.test(trimmed)) {
      throw new LinkCodeInvalidError('A link code is 4 letters or digits, as shown on the other device.');
    }
    await translating(
      () =>
        this.http.request(
          {
            method: 'PUT',
            path: '/api/v2/pins/link',
            form: { code: trimmed.toUpperCase() },
            // What plex.tv's own link page sends (python-plexapi, scttcper/plex).
            headers: { 'X-Plex-Product': 'Plex SSO' },
            token,
            expect: 'none',
            context: 'plex-tv-token',
            retry: false,
          },
          options,
        ),
      (error) =>
        error.plexCode === 1020 || (error.kind === 'server-error' && error.status === 404)
          ? new LinkCodeInvalidError('That code is not valid or has expired: check the code the device shows now.', detailsOf(error))
          : undefined,
    );
  }
}
