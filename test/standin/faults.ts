// The scenario switches: rules that make a route misbehave for the next N matching requests.
import type { StandInFault, StandInFaultRule, StandInRoute } from './types';

const KINDS: ReadonlySet<StandInFault['kind']> = new Set<StandInFault['kind']>([
  'status', 'rate-limit', 'too-many-attempts', 'token-revoked', 'invalid-token-422', 'pin-expired', 'slow', 'trickle', 'hang',
  'reset', 'reset-mid-body', 'malformed-json', 'html-error', 'xml', 'oversized', 'missing-field', 'wrong-type',
  'redirect', 'set-field', 'deep-json', 'invalid-utf8',
]);

interface ActiveRule {
  rule: StandInFaultRule;
  remaining: number | undefined;
}

export class FaultBook {
  private rules: ActiveRule[] = [];

  add(rule: StandInFaultRule): void {
    // Rules also arrive as JSON over the control API: refuse what would silently do nothing.
    if (!KINDS.has(rule.fault.kind)) throw new Error(`unknown fault kind: ${String(rule.fault.kind)}`);
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
      throw new Error(`fault "times" must be a positive integer, got ${String(rule.times)}`);
    }
    this.rules.push({ rule, remaining: rule.times });
  }

  clear(): void {
    this.rules = [];
  }

  list(): StandInFaultRule[] {
    return this.rules.map(({ rule, remaining }) => (remaining === undefined ? rule : { ...rule, times: remaining }));
  }

  /** The fault for this request, if any; the first matching rule wins and one use is spent. */
  take(route: StandInRoute | 'unknown', server: string | undefined): StandInFault | undefined {
    const index = this.rules.findIndex(
      ({ rule }) => (rule.route === '*' || rule.route === route) && (rule.server === undefined || rule.server === server),
    );
    if (index < 0) return undefined;
    const active = this.rules[index];
    if (active.remaining !== undefined) {
      active.remaining -= 1;
      if (active.remaining <= 0) this.rules.splice(index, 1);
    }
    return active.rule.fault;
  }
}
