// Entry of dist/plex.js, the second bundle: the extension requires it on its first network
// request, so node-fetch stays out of activation. Everything public is re-exported here.
export * from './types';
export * from './errors';
export { redact, redactUrl } from './redact';
export { PlexTvClient, DEFAULT_PLEX_TV_URL, DEFAULT_AUTH_PAGE_URL } from './plex-tv-client';
export { PlexMediaServerClient } from './media-server-client';
export { DEFAULT_TIMEOUT_MS } from './http';
export { BODY_CAP_BYTES } from './read-body';
export { decodeAccount, decodePin, decodeSignIn } from './decode-account';
export { decodeServers, orderConnections } from './decode-resources';
export { decodeSourceConnectionInformation, decodeTransientTokenJson, decodeTransientTokenXml } from './decode-media-server';
export { PlexTvAccountTools, DEVICE_LIST_CAP_BYTES, type SwitchHomeUserRequest } from './plex-tv-account-tools';
export * from './account-tools-types';
export * from './account-tools-errors';
export { decodeHome, decodeHomeSwitch } from './decode-home';
export { decodeDevices } from './decode-devices';
export { decodeClaimToken } from './decode-claim-token';
export { PlexTvJwtClient, DEFAULT_PLEX_CLIENTS_URL, type PlexTvJwtClientOptions } from './plex-tv-jwt';
export { PLEX_JWT_RENEW_WITHIN_SECONDS, PlexJwtAuth, plexJwtNeedsRenewal, type PlexJwtAuthOptions, type PlexSigningKeyCache } from './plex-jwt-auth';
export * from './jwt/index';
