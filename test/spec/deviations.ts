// Where the Plex specs and real Plex (or this extension, on purpose) disagree. The conformance
// checks fail on any finding whose key is not listed here, and the spec test fails on any entry
// that its scenarios never observe unless the entry says why it cannot be observed there.
// docs/spec-deviations.md explains each entry for people; a test keeps the two in step.

export interface SpecDeviation {
  /** Short name used in docs/spec-deviations.md and in the live check's table. */
  id: string;
  /** Finding keys (see conformance.ts) this deviation accounts for. */
  keys: string[];
  /** Set when the stand-in scenarios cannot show it; says why. */
  notObservedInUnitTests?: string;
}

export const SPEC_DEVIATIONS: SpecDeviation[] = [
  {
    id: 'identity-in-query',
    keys: [
      'request POST /api/v2/pins query X-Plex-Client-Identifier missing',
      'request GET /api/v2/pins/{pinID} query X-Plex-Client-Identifier missing',
      'clients.plex.tv request POST /api/v2/pins query X-Plex-Client-Identifier missing',
      'clients.plex.tv request GET /api/v2/pins/{pinID} query X-Plex-Client-Identifier missing',
    ],
  },
  { id: 'pin-created-201', keys: ['status POST /api/v2/pins 201', 'clients.plex.tv status POST /api/v2/pins 201'] },
  {
    id: 'pin-auth-token-null-only',
    keys: ['response GET /api/v2/pins/{pinID} 200 /authToken type', 'clients.plex.tv response GET /api/v2/pins/{pinID} 200 /authToken type'],
  },
  {
    id: 'pin-postal-code-text',
    keys: [
      'response POST /api/v2/pins 200 /location/postal_code type',
      'response GET /api/v2/pins/{pinID} 200 /location/postal_code type',
      'clients.plex.tv response POST /api/v2/pins 200 /location/postal_code type',
      'clients.plex.tv response GET /api/v2/pins/{pinID} 200 /location/postal_code type',
    ],
  },
  { id: 'sign-in-with-username', keys: ['request POST /api/v2/users/signin body /login format'] },
  { id: 'sign-out-undocumented', keys: ['route DELETE /api/v2/users/signout'] },
  { id: 'ping-undocumented', keys: ['route GET /api/v2/ping'] },
  { id: 'security-token-by-get', keys: ['method GET /security/token'] },
  { id: 'unknown-source-404', keys: ['status GET /security/resources 404'] },
  {
    // Each route and its source: test/spec/undocumentedRoutes.ts.
    id: 'routes-undocumented',
    keys: [
      'route GET /api/v2/home/users',
      'route POST /api/v2/home/users/{uuid}/switch',
      'route GET /devices.xml',
      'route DELETE /devices/{id}.xml',
      'route GET /api/claim/token.json',
      'route PUT /api/v2/pins/link',
      'clients.plex.tv route POST /api/v2/auth/jwk',
      'clients.plex.tv route GET /api/v2/auth/nonce',
      'clients.plex.tv route POST /api/v2/auth/token',
      'clients.plex.tv route GET /api/v2/auth/keys',
    ],
  },
  { id: 'jwk-pin-body', keys: ['clients.plex.tv request POST /api/v2/pins body undocumented'] },
  {
    id: 'device-jwt-in-query',
    keys: [
      'clients.plex.tv request GET /api/v2/pins/{pinID} query deviceJWT undeclared',
      'clients.plex.tv request GET /api/v2/pins/{pinID} query deviceJWT credential',
    ],
  },
  { id: 'jwt-error-statuses', keys: ['status GET /api/v2/user 498', 'clients.plex.tv status POST /api/v2/pins 422'] },
  { id: 'managed-user-no-email', keys: ['response GET /api/v2/user 200 /email format'] },
];

/** The deviation a finding key belongs to, if it is a known one. */
export function deviationFor(key: string): SpecDeviation | undefined {
  return SPEC_DEVIATIONS.find((deviation) => deviation.keys.includes(key));
}
