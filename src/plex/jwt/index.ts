// The public part of JWT device authentication, re-exported by src/plex/index.ts.
export { PLEX_JWT_REJECTIONS, PlexJwtRejectedError, PlexServerRefusesJwtError, jwtRejectionOf, type PlexJwtRejection } from './errors';
export {
  deviceKeyId,
  generateDeviceKey,
  parseDeviceKey,
  publicJwkOf,
  serializeDeviceKey,
  type PlexDeviceKey,
  type PlexPublicJwk,
} from './deviceKey';
export { DEVICE_JWT_LIFETIME_SECONDS, PLEX_JWT_SCOPES, signDeviceJwt, type DeviceJwtClaimsInput } from './deviceJwt';
export { jwtExpiry, looksLikeJwt } from './compact';
export {
  PLEX_JWT_ISSUER,
  verifyPlexJwt,
  type PlexJwtClaims,
  type PlexJwtExpectations,
  type PlexJwtUser,
  type PlexSigningKey,
  type VerifiedPlexJwt,
} from './verifyPlexJwt';
