/** Shaped like the service layer's PlexCancelledError, so one check covers both. */
export function cancelled(): Error & { kind: 'cancelled' } {
  return Object.assign(new Error('Cancelled'), { kind: 'cancelled' as const });
}
