// What makes any message fit to show: short, something to do (in words or a button), nothing from
// the inside of the program (stack traces, object dumps, raw bodies) and no secret. The wording
// each case must show is checked word for word on its own (expectations.ts).
import * as assert from 'node:assert/strict';
import type { ShownMessageRecord } from './caseResult';

const INTERNALS: readonly [RegExp, string][] = [
  [/\n\s*at |\bat [\w$.<>]+ \(|\.(?:js|ts):\d+/, 'a stack trace'],
  [/\[object \w+\]/, '"[object ...]"'],
  [/\b(?:undefined|NaN)\b/, '"undefined" or "NaN"'],
  [/\b(?:Type|Range|Syntax|Reference|Fetch|Abort)Error\b|\bPlex\w*Error\b|\bE[A-Z]{4,}\b/, 'an error class or code'],
  [/<\/?[a-z][\w-]*[\s>]|\{"|"\}/i, 'a raw HTML or JSON body'],
];

/** Words that tell the user what to do; a message without them must at least offer a button. */
const ACTIONABLE = /\b(?:try again|check|sign in|start|wait|raise|refresh|revoke|later|log)\b/i;

export function assertFitToShow(shown: ShownMessageRecord, secrets: readonly string[]): void {
  const text = [shown.message, ...shown.actions].join('\n');
  assert.ok(shown.message.trim().length > 0, 'the message is empty');
  assert.ok(shown.message.length <= 300, `the message is ${shown.message.length} characters long`);
  for (const [pattern, what] of INTERNALS) {
    assert.doesNotMatch(text, pattern, `the message shows ${what}: ${shown.message}`);
  }
  assert.doesNotMatch(text, /transient-/, 'the message shows a transient token');
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), 'the message shows a token the stand-in issued');
  }
  if (shown.severity !== 'info') {
    assert.ok(ACTIONABLE.test(shown.message) || shown.actions.length > 0, `the message neither says what to do nor offers a button: ${shown.message}`);
  }
}
