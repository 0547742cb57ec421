// Where the Plex specs and real Plex (or this extension, on purpose) disagree. The conformance
// checks fail on any finding whose key is not listed here, and the spec test fails on any entry
// that its scenarios never observe unless the entry says why it cannot be observed there.
// docs/spec-deviations.md explains each entry for people; a test keeps the two in step.

export interface SpecDeviation {
  /** Short name used in docs/spec-deviations.md and in the live check's table. */
  id: string;
  /** Why real Plex (or the extension) differs from the spec here, in one line; the doc has the whole story. */
  reason: string;
  /**
   * Finding keys (see conformance.ts) this deviation accounts for. Each names one route (method and
   * path, on its host) and one field or fact of it: a deviation never forgives a field on every route.
   */
  keys: string[];
  /** Set when the stand-in scenarios cannot show it; says why. */
  notObservedInUnitTests?: string;
}

export const SPEC_DEVIATIONS: SpecDeviation[] = [
  {
    id: 'identity-in-query',
    reason: 'plex.tv and servers read X-Plex-* as headers (2026-02 declares them there); 2024-09 declares them as query parameters',
    keys: [
      'request POST /api/v2/pins query X-Plex-Client-Identifier missing',
      'request GET /api/v2/pins/{pinID} query X-Plex-Client-Identifier missing',
      'clients.plex.tv request POST /api/v2/pins query X-Plex-Client-Identifier missing',
      'clients.plex.tv request GET /api/v2/pins/{pinID} query X-Plex-Client-Identifier missing',
    ],
  },
  {
    id: 'pin-created-201',
    reason: 'plex.tv answers 201 Created where 2024-09 documents 200',
    keys: ['status POST /api/v2/pins 201', 'clients.plex.tv status POST /api/v2/pins 201'],
  },
  {
    id: 'pin-auth-token-null-only',
    reason: 'authToken is null until approval, then the token; 2024-09 types it null only',
    keys: ['response GET /api/v2/pins/{pinID} 200 /authToken type', 'clients.plex.tv response GET /api/v2/pins/{pinID} 200 /authToken type'],
  },
  {
    id: 'pin-postal-code-text',
    reason: "postal codes are text (the spec's own example has '4814'); 2024-09 types them as integers",
    keys: [
      'response POST /api/v2/pins 200 /location/postal_code type',
      'response GET /api/v2/pins/{pinID} 200 /location/postal_code type',
      'clients.plex.tv response POST /api/v2/pins 200 /location/postal_code type',
      'clients.plex.tv response GET /api/v2/pins/{pinID} 200 /location/postal_code type',
    ],
  },
  {
    id: 'sign-in-with-username',
    reason: 'plex.tv takes a username or an email as login; 2026-02 gives it the email format',
    keys: ['request POST /api/v2/users/signin body /login format'],
  },
  {
    id: 'sign-out-undocumented',
    reason: 'DELETE /api/v2/users/signout revokes the token; neither spec documents it',
    keys: ['route DELETE /api/v2/users/signout'],
  },
  {
    id: 'ping-undocumented',
    reason: 'GET /api/v2/ping keeps a classic token alive; neither spec documents it',
    keys: ['route GET /api/v2/ping'],
  },
  {
    id: 'security-token-by-get',
    reason: 'servers of both generations answer GET; 2026-02 documents only POST',
    keys: ['method GET /security/token'],
  },
  {
    id: 'unknown-source-404',
    reason: 'neither spec documents the answer for a source the server does not know',
    keys: ['status GET /security/resources 404'],
  },
  {
    // Each route and its source: test/spec/undocumentedRoutes.ts.
    id: 'routes-undocumented',
    reason: 'the account tools and JWT routes exist at Plex; neither spec documents them (sources in undocumentedRoutes.ts)',
    keys: [
      'route GET /api/v2/home/users',
      'route POST /api/v2/home/users/{uuid}/switch',
      'route GET /devices.xml',
      'route DELETE /devices/{id}.xml',
      'route GET /api/claim/token.json',
      'route PUT /api/v2/pins/link',
      'route GET /api/v2/user/webhooks',
      'route POST /api/v2/user/webhooks',
      'clients.plex.tv route POST /api/v2/auth/jwk',
      'clients.plex.tv route GET /api/v2/auth/nonce',
      'clients.plex.tv route POST /api/v2/auth/token',
      'clients.plex.tv route GET /api/v2/auth/keys',
    ],
  },
  {
    id: 'jwk-pin-body',
    reason: "a JWT sign-in PIN carries the device's public JWK as a JSON body; 2024-09 documents no body",
    keys: ['clients.plex.tv request POST /api/v2/pins body undocumented'],
  },
  {
    id: 'device-jwt-in-query',
    reason: "clients.plex.tv reads a JWT PIN poll's device JWT only from the query string",
    keys: [
      'clients.plex.tv request GET /api/v2/pins/{pinID} query deviceJWT undeclared',
      'clients.plex.tv request GET /api/v2/pins/{pinID} query deviceJWT credential',
    ],
  },
  {
    id: 'jwt-error-statuses',
    reason: "Plex's JWT text lists 498 and 422; no operation documents them",
    keys: ['status GET /api/v2/user 498', 'clients.plex.tv status POST /api/v2/pins 422'],
  },
  {
    id: 'managed-user-no-email',
    reason: 'a managed Home user has no plex.tv login, so its email is empty',
    keys: ['response GET /api/v2/user 200 /email format'],
  },
];

/** The deviation a finding key belongs to, if it is a known one. */
export function deviationFor(key: string): SpecDeviation | undefined {
  return SPEC_DEVIATIONS.find((deviation) => deviation.keys.includes(key));
}
