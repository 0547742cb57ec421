// The faults the fault matrix injects, and which actions they make sense for.
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
  | 'tokenRevoked'
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
  /** Seconds for plex.requestTimeoutSeconds while the case runs. */
  timeoutSeconds?: number;
  /** Why the fault cannot meet this action; undefined: the case runs. */
  notApplicable?(action: MatrixAction): string | undefined;
  /** Actions that are meant to carry on as normal under this fault, and why. */
  unaffected?: Partial<Record<ActionId, string>>;
}

const rule = (fault: StandInFault): MatrixFault['make'] => ({ kind: 'rule', fault: () => fault });

const needsBody = (action: MatrixAction): string | undefined =>
  action.requiredField === undefined ? `plex.tv answers ${action.id === 'signOut' ? 'a sign-out' : 'it'} without a body` : undefined;

export const FAULTS: readonly MatrixFault[] = [
  {
    id: 'refused',
    title: 'Connection refused',
    make: { kind: 'refused' },
    notApplicable: (action) =>
      action.id === 'twoFactor' ? 'one sign-in talks to one plex.tv address; a refusal meets the password step first' : undefined,
  },
  { id: 'resetMidBody', title: 'Reset mid-body', make: rule({ kind: 'reset-mid-body' }) },
  { id: 'timeout', title: 'Timeout', make: rule({ kind: 'hang' }), timeoutSeconds: 1 },
  {
    id: 'rateLimitRetryAfter',
    title: '429 + Retry-After',
    make: rule({ kind: 'rate-limit', retryAfterSeconds: 120 }),
  },
  { id: 'rateLimit', title: '429, no Retry-After', make: rule({ kind: 'rate-limit' }) },
  { id: 'status500', title: '500', make: rule({ kind: 'status', status: 500 }) },
  { id: 'status502', title: '502', make: rule({ kind: 'status', status: 502 }) },
  { id: 'status503', title: '503', make: rule({ kind: 'status', status: 503 }) },
  { id: 'htmlError', title: 'HTML error page', make: rule({ kind: 'html-error' }) },
  {
    id: 'malformedJson',
    title: 'Malformed JSON',
    make: rule({ kind: 'malformed-json' }),
    unaffected: { signOut: 'a sign-out reads no body', removeDevice: 'a removal reads no body', linkDevice: 'a link reads no body' },
  },
  {
    id: 'xml',
    title: 'XML, not JSON',
    make: rule({ kind: 'xml' }),
    unaffected: {
      copyToken: 'a server may answer the transient token as XML; it is read',
      signOut: 'a sign-out reads no body',
      removeDevice: 'a removal reads no body',
      linkDevice: 'a link reads no body',
    },
  },
  { id: 'oversized', title: 'Oversized body', make: rule({ kind: 'oversized' }) },
  {
    id: 'missingField',
    title: 'Missing field',
    make: { kind: 'rule', fault: (field) => ({ kind: 'missing-field', field: field ?? '' }) },
    notApplicable: needsBody,
  },
  {
    id: 'wrongType',
    title: 'Wrong type',
    make: { kind: 'rule', fault: (field) => ({ kind: 'wrong-type', field: field ?? '' }) },
    notApplicable: needsBody,
  },
  {
    id: 'tokenRevoked',
    title: '401 token revoked',
    // The browser sign-in uses a token first when it reads the new account.
    make: { kind: 'rule', fault: () => ({ kind: 'token-revoked' }), route: (action) => (action.id === 'browser' ? 'user' : action.route) },
    unaffected: { signOut: 'a token plex.tv already refuses counts as revoked' },
  },
  {
    id: 'pinExpired',
    title: 'PIN expired',
    make: { kind: 'rule', fault: () => ({ kind: 'pin-expired' }), route: () => 'pins.check' },
    notApplicable: (action) => (action.id === 'browser' ? undefined : 'only the browser sign-in uses a PIN'),
  },
  {
    id: 'pmsRestarted',
    title: 'PMS restarted',
    make: { kind: 'pmsRestarted' },
    notApplicable: (action) => (action.onServer ? undefined : 'no Plex Media Server is involved'),
    unaffected: {
      copyToken: 'the server forgot its transient tokens; a new one is issued',
      sourceInfo: 'the server access token outlives a restart',
    },
  },
];
