// Entry of dist/plex.js, the second bundle: the extension requires it on its first network
// request, so node-fetch stays out of activation. Everything public is re-exported here.
export * from './types';
export * from './errors';
export { redact, redactUrl } from './redact';
export { PlexTvClient, DEFAULT_PLEX_TV_URL, DEFAULT_AUTH_PAGE_URL } from './plexTvClient';
export { PlexMediaServerClient } from './mediaServerClient';
export { probeIdentity, type ConnectionProblem, type IdentityProbe, type IdentityProbeOptions } from './connectionProbe';
export type { PlexServerIdentity } from './decodeIdentity';
export { DEFAULT_TIMEOUT_MS } from './http';
export { BODY_CAP_BYTES } from './readBody';
export { decodeAccount, decodePin, decodeSignIn } from './decodeAccount';
export { decodeServers, orderConnections } from './decodeResources';
export { decodeSourceConnectionInformation, decodeTransientTokenJson, decodeTransientTokenXml } from './decodeMediaServer';
export { PlexTvAccountTools, DEVICE_LIST_CAP_BYTES, type SwitchHomeUserRequest } from './plexTvAccountTools';
export * from './accountToolsTypes';
export * from './accountToolsErrors';
export { decodeHome, decodeHomeSwitch } from './decodeHome';
export { decodeDevices } from './decodeDevices';
export { decodeClaimToken } from './decodeClaimToken';
export { PlexTvJwtClient, DEFAULT_PLEX_CLIENTS_URL, type PlexTvJwtClientOptions } from './plexTvJwt';
export { PLEX_JWT_RENEW_WITHIN_SECONDS, PlexJwtAuth, plexJwtNeedsRenewal, type PlexJwtAuthOptions, type PlexSigningKeyCache } from './plexJwtAuth';
export * from './jwt/index';
export { PlexTvWebhooks, type WebhookChange } from './plexTvWebhooks';
export { decodeWebhooks } from './decodeWebhooks';
export * from './webhookErrors';
export * from './webhookUrl';
export * from './webhookPayload';
export { WebhookSender, multipartPayload, type WebhookDelivery, type WebhookSenderOptions } from './webhookSender';
