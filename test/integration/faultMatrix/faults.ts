// The faults the fault matrix injects, the failure each one must become, and which actions they
// make sense for.
import type { FailureKind } from '../../../src/plex/failure';
import type { StandInFault, StandInRoute } from '../../standin/types';
import type { ActionId, MatrixAction } from './actions';

export type FaultId =
  | 'refused'
  | 'resetMidBody'
  | 'timeout'
  | 'rateLimitRetryAfter'
  | 'rateLimit'
  | 'status500'
  | 'status502'
  | 'status503'
  | 'htmlError'
  | 'malformedJson'
  | 'xml'
  | 'oversized'
  | 'missingField'
  | 'wrongType'
  | 'redirect'
  | 'tokenRevoked'
  | 'invalidToken422'
  | 'pinExpired'
  | 'pmsRestarted';

export interface MatrixFault {
  id: FaultId;
  title: string;
  /** How the fault is made: a stand-in rule on the action's route, or something the runner arranges. */
  make:
    | { kind: 'rule'; fault: (field: string | undefined) => StandInFault; route?: (action: MatrixAction) => StandInRoute }
    | { kind: 'refused' }
    | { kind: 'pmsRestarted' };
  /** The HTTP status the stand-in answers the faulted request with, when it answers with one. */
  answers?: number;
  /**
   * The failure (src/plex/failure.ts) the fault must become for `action`; the log must name it.
   * Undefined only for a fault every action it meets carries on under.
   */
  failure?(action: MatrixAction): FailureKind;
  /** From the Retry-After header: the message names the wait. */
  retryAfterSeconds?: number;
  /** Seconds for plex.requestTimeoutSeconds while the case runs. */
  timeoutSeconds?: number;
  /** Why the fault cannot meet this action; undefined: the case runs. */
  notApplicable?(action: MatrixAction): string | undefined;
  /** Actions that are meant to carry on as normal under this fault, and why. */
  unaffected?: Partial<Record<ActionId, string>>;
}

const rule = (fault: StandInFault): MatrixFault['make'] => ({ kind: 'rule', fault: () => fault });
const always = (kind: FailureKind) => (): FailureKind => kind;

const needsBody = (action: MatrixAction): string | undefined =>
  action.requiredField === undefined ? `plex.tv answers ${action.id === 'signOut' ? 'a sign-out' : 'it'} without a body` : undefined;

const READS_NO_BODY = {
  signOut: 'a sign-out reads no body',
  ping: 'a ping reads no body',
  removeDevice: 'a removal reads no body',
  linkDevice: 'a link reads no body',
};

/** A refused token: a wrong password for a sign-in with one, else the token refused. */
const refusedToken = (action: MatrixAction): FailureKind => (action.sendsPassword ? 'invalid-credentials' : 'token-invalid');

export const FAULTS: readonly MatrixFault[] = [
  {
    id: 'refused',
    title: 'Connection refused',
    make: { kind: 'refused' },
    failure: always('network'),
    notApplicable: (action) =>
      action.id === 'twoFactor'
        ? 'one sign-in talks to one plex.tv address; a refusal meets the password step first'
        : action.id === 'sourceInfo'
          ? 'a refused address must be one plex.tv did not list (plex.serverUrl), and source information is asked only of a listed server'
          : action.id === 'testConnections'
            ? 'Test Connections tests the connections plex.tv lists, never plex.serverUrl; a refused listed connection is a row (connectionDoctor.test.ts)'
            : undefined,
  },
  { id: 'resetMidBody', title: 'Reset mid-body', make: rule({ kind: 'reset-mid-body' }), failure: always('network') },
  { id: 'timeout', title: 'Timeout', make: rule({ kind: 'hang' }), failure: always('timeout'), timeoutSeconds: 1 },
  {
    id: 'rateLimitRetryAfter',
    title: '429 + Retry-After',
    make: rule({ kind: 'rate-limit', retryAfterSeconds: 120 }),
    answers: 429,
    failure: always('rate-limited'),
    retryAfterSeconds: 120,
  },
  { id: 'rateLimit', title: '429, no Retry-After', make: rule({ kind: 'rate-limit' }), answers: 429, failure: always('rate-limited') },
  { id: 'status500', title: '500', make: rule({ kind: 'status', status: 500 }), answers: 500, failure: always('server-error') },
  { id: 'status502', title: '502', make: rule({ kind: 'status', status: 502 }), answers: 502, failure: always('server-error') },
  { id: 'status503', title: '503', make: rule({ kind: 'status', status: 503 }), answers: 503, failure: always('server-error') },
  { id: 'htmlError', title: 'HTML error page', make: rule({ kind: 'html-error' }), answers: 500, failure: always('server-error') },
  { id: 'malformedJson', title: 'Malformed JSON', make: rule({ kind: 'malformed-json' }), failure: always('bad-response'), unaffected: READS_NO_BODY },
  {
    id: 'xml',
    title: 'XML, not JSON',
    make: rule({ kind: 'xml' }),
    failure: always('bad-response'),
    unaffected: {
      copyToken: 'a server may answer the transient token as XML; it is read',
      testConnections: 'a server may answer its capabilities as XML; they are read',
      ...READS_NO_BODY,
    },
  },
  { id: 'oversized', title: 'Oversized body', make: rule({ kind: 'oversized' }), failure: always('bad-response') },
  {
    id: 'missingField',
    title: 'Missing field',
    make: { kind: 'rule', fault: (field) => ({ kind: 'missing-field', field: field ?? '' }) },
    failure: always('bad-response'),
    notApplicable: needsBody,
  },
  {
    id: 'wrongType',
    title: 'Wrong type',
    make: { kind: 'rule', fault: (field) => ({ kind: 'wrong-type', field: field ?? '' }) },
    failure: always('bad-response'),
    notApplicable: needsBody,
  },
  {
    id: 'redirect',
    title: 'Redirect to another site',
    // `.invalid` never resolves: were the redirect followed, the request would fail as network trouble.
    make: rule({ kind: 'redirect', location: 'https://elsewhere.invalid/api/v2/user' }),
    answers: 302,
    failure: always('bad-response'),
  },
  {
    id: 'tokenRevoked',
    title: '401 token revoked',
    // The browser sign-in uses a token first when it reads the new account.
    make: { kind: 'rule', fault: () => ({ kind: 'token-revoked' }), route: (action) => (action.id === 'browser' ? 'user' : action.route) },
    answers: 401,
    failure: refusedToken,
    unaffected: { signOut: 'a token plex.tv already refuses counts as revoked' },
  },
  {
    id: 'invalidToken422',
    title: '422 "Invalid token"',
    make: { kind: 'rule', fault: () => ({ kind: 'invalid-token-422' }), route: (action) => (action.id === 'browser' ? 'user' : action.route) },
    answers: 422,
    // plex.tv's JWT routes answer 422 when they refuse the device (src/plex/jwt/responseErrors.ts).
    failure: (action) => (action.jwt ? 'jwt-rejected' : 'token-invalid'),
    notApplicable: (action) => {
      if (action.sendsPassword) return 'a password sign-in sends no token';
      return action.onServer ? 'plex.tv refuses a token with 422; a Plex Media Server answers 401' : undefined;
    },
    unaffected: { signOut: 'a token plex.tv already refuses counts as revoked' },
  },
  {
    id: 'pinExpired',
    title: 'PIN expired',
    make: { kind: 'rule', fault: () => ({ kind: 'pin-expired' }), route: () => 'pins.check' },
    answers: 404,
    failure: always('pin-expired'),
    notApplicable: (action) => (action.id === 'browser' ? undefined : 'only the browser sign-in uses a PIN'),
  },
  {
    id: 'pmsRestarted',
    title: 'PMS restarted',
    make: { kind: 'pmsRestarted' },
    notApplicable: (action) => (action.onServer ? undefined : 'no Plex Media Server is involved'),
    unaffected: {
      copyToken: 'the server forgot its transient tokens; a new one is issued',
      sourceInfo: 'the source information needs no transient token, which a restart forgets',
      testConnections: 'the token check uses the account token, which a restart keeps',
    },
  },
];

export function faultById(id: FaultId): MatrixFault {
  const fault = FAULTS.find((candidate) => candidate.id === id);
  if (fault === undefined) throw new Error(`no fault ${id}`);
  return fault;
}
