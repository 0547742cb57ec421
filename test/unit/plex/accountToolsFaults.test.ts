// Every fault switch on every account-tools route gives the typed error the extension maps to
// one clear message; requests that are not idempotent are never retried.
import * as assert from 'node:assert/strict';
import { PlexTvAccountTools, type PlexErrorKind } from '../../../src/plex/index';
import type { StandInFault, StandInRoute } from '../../standin/index';
import { FAST_RETRY, IDENTITY, rejectsWith, useStandIn, waitUntil, type Harness } from './helpers';

type Operation = (tools: PlexTvAccountTools, harness: Harness, signal?: AbortSignal) => Promise<unknown>;

const OPERATIONS: { route: StandInRoute; name: string; retried: boolean; run: Operation }[] = [
  { route: 'home.users', name: 'listHomeUsers', retried: true, run: (tools, h, signal) => tools.listHomeUsers(h.standIn.issueToken('alice'), { signal }) },
  {
    route: 'home.switch',
    name: 'switchHomeUser',
    retried: false,
    run: (tools, h, signal) => {
      const kids = h.standIn.homeUsers('alice').find((user) => user.title === 'Kids');
      assert.ok(kids);
      return tools.switchHomeUser(h.standIn.issueToken('alice'), { uuid: kids.uuid }, { signal });
    },
  },
  { route: 'devices', name: 'listDevices', retried: true, run: (tools, h, signal) => tools.listDevices(h.standIn.issueToken('alice'), { signal }) },
  {
    route: 'devices.remove',
    name: 'removeDevice',
    retried: false,
    run: (tools, h, signal) => {
      const [device] = h.standIn.devices('alice');
      assert.ok(device);
      return tools.removeDevice(h.standIn.issueToken('alice'), device.id, { signal });
    },
  },
  { route: 'claim.token', name: 'getClaimToken', retried: true, run: (tools, h, signal) => tools.getClaimToken(h.standIn.issueToken('alice'), { signal }) },
  {
    route: 'pins.link',
    name: 'linkDevice',
    retried: false,
    run: (tools, h, signal) => tools.linkDevice(h.standIn.issueToken('alice'), h.standIn.createLinkCode().code, { signal }),
  },
];

const FAULTS: { fault: StandInFault; kind: PlexErrorKind }[] = [
  { fault: { kind: 'token-revoked' }, kind: 'token-invalid' },
  { fault: { kind: 'invalid-token-422' }, kind: 'token-invalid' },
  { fault: { kind: 'rate-limit', retryAfterSeconds: 0 }, kind: 'rate-limited' },
  { fault: { kind: 'html-error', status: 500 }, kind: 'server-error' },
  { fault: { kind: 'status', status: 503 }, kind: 'server-error' },
  { fault: { kind: 'hang' }, kind: 'timeout' },
  { fault: { kind: 'reset' }, kind: 'network' },
  { fault: { kind: 'redirect', location: 'https://example.invalid/elsewhere' }, kind: 'bad-response' },
];

/** Faults that reshape a body: only routes that read one are affected. */
const BODY_FAULTS: { route: StandInRoute; fault: StandInFault }[] = [
  { route: 'home.users', fault: { kind: 'missing-field', field: 'users.uuid' } },
  { route: 'home.users', fault: { kind: 'wrong-type', field: 'users.id' } },
  { route: 'home.users', fault: { kind: 'xml' } },
  { route: 'home.users', fault: { kind: 'malformed-json' } },
  { route: 'home.switch', fault: { kind: 'missing-field', field: 'authToken' } },
  { route: 'home.switch', fault: { kind: 'oversized' } },
  { route: 'devices', fault: { kind: 'missing-field', field: 'MediaContainer.Device.id' } },
  { route: 'devices', fault: { kind: 'wrong-type', field: 'MediaContainer.Device.lastSeenAt' } },
  { route: 'devices', fault: { kind: 'reset-mid-body' } },
  { route: 'claim.token', fault: { kind: 'missing-field', field: 'token' } },
  { route: 'claim.token', fault: { kind: 'deep-json' } },
];

suite('PlexTvAccountTools: fault switches', () => {
  const harness = useStandIn();
  const tools = (): PlexTvAccountTools =>
    new PlexTvAccountTools({ identity: IDENTITY, baseUrl: harness.standIn.plexTvUrl, timeoutMs: 300, retry: FAST_RETRY });

  for (const operation of OPERATIONS) {
    for (const { fault, kind } of FAULTS) {
      test(`${operation.name}: ${fault.kind}${'status' in fault ? ` ${fault.status}` : ''} is ${kind}`, async () => {
        harness.standIn.addFault({ route: operation.route, fault });
        await rejectsWith(operation.run(tools(), harness), kind);
        const attempts = harness.requests(operation.route).length;
        const retryable = kind === 'rate-limited' || kind === 'network' || (fault.kind === 'status' && fault.status === 503);
        if (!operation.retried || !retryable) assert.equal(attempts, 1, 'not retried');
        else assert.ok(attempts > 1, 'an idempotent read is retried');
      });
    }

    test(`${operation.name}: a cancelled signal is PlexCancelledError`, async () => {
      harness.standIn.addFault({ route: operation.route, fault: { kind: 'hang' } });
      const controller = new AbortController();
      const pending = operation.run(
        new PlexTvAccountTools({ identity: IDENTITY, baseUrl: harness.standIn.plexTvUrl, timeoutMs: 5000, retry: FAST_RETRY }),
        harness,
        controller.signal,
      );
      await waitUntil(() => harness.requests(operation.route).length === 1, 'the request to arrive');
      controller.abort();
      await rejectsWith(pending, 'cancelled');
    });
  }

  for (const { route, fault } of BODY_FAULTS) {
    const operation = OPERATIONS.find((candidate) => candidate.route === route);
    assert.ok(operation);
    test(`${operation.name}: ${fault.kind}${'field' in fault ? ` ${fault.field}` : ''} is bad-response or network`, async () => {
      harness.standIn.addFault({ route, fault });
      await rejectsWith(operation.run(tools(), harness), fault.kind === 'reset-mid-body' ? 'network' : 'bad-response');
    });
  }
});
