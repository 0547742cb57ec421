// Fault rules that make clients.plex.tv answer as Plex documents for JWT failures, for routes
// where the real condition is hard to arrange: `standIn.addFault({ route: 'jwt.token', fault: JWT_FAULTS.expired })`.
import type { StandInFault } from '../types';
import { JWT_MESSAGES } from './book';

export const JWT_FAULTS = {
  /** 422: plex.tv could not verify the device JWT's signature (unknown or revoked key). */
  signatureFailed: { kind: 'status', status: 422, message: JWT_MESSAGES.signatureFailed },
  /** 422: the JWK is registered by another device. */
  thumbprintTaken: { kind: 'status', status: 422, message: JWT_MESSAGES.thumbprintTaken },
  /** 498: token expired. */
  expired: { kind: 'status', status: 498, message: JWT_MESSAGES.expired },
  /** 429 code 1003 (nonce rate limit). */
  rateLimited: { kind: 'rate-limit' },
} as const satisfies Record<string, StandInFault>;
