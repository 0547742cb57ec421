import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StandInControl } from '../standin/controlClient';
import { extensionApi, freshStart, setSetting, signedInAs, waitFor } from './helpers';
import { secretsIn } from '../harness/secretScanner';

const CLAIM_MESSAGE = /^Claim token copied\. Give it to your new Plex Media Server \(PLEX_CLAIM in Docker\) within 4 minutes; the clipboard is cleared when it expires\.$/;

suite('Copy Claim Token', () => {
  teardown(async () => {
    await (await extensionApi()).testing.claimCountdown().expireNow();
  });

  test('copies a claim token plex.tv issued, counts down in the status bar, and clears the clipboard when it expires', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await control.clearLog();
    await vscode.commands.executeCommand('plex.copyClaimToken');

    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^claim-/);
    const issued = (await control.claimTokens()).find((claim) => claim.token === copied);
    assert.ok(issued && !issued.expired && issued.username === 'alice', 'plex.tv issued it to alice, and it is live');
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['claim.token']);
    assert.match(ui.messages.map((shown) => shown.message).join('\n'), CLAIM_MESSAGE);
    assert.match(api.testing.claimCountdown().text ?? '', /^\$\(watch\) Claim token [34]:[0-5]\d$/);

    await api.testing.claimCountdown().expireNow();
    assert.equal(await vscode.env.clipboard.readText(), '');
    assert.equal(api.testing.claimCountdown().text, undefined, 'the countdown is gone');
  });

  test('at expiry, a clipboard that no longer holds the claim token is left alone', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await vscode.commands.executeCommand('plex.copyClaimToken');
    await vscode.env.clipboard.writeText('something the user copied');
    await api.testing.claimCountdown().expireNow();
    assert.equal(await vscode.env.clipboard.readText(), 'something the user copied');
    assert.equal(api.testing.claimCountdown().text, undefined);
  });

  test('a second copy while one is live asks: a new one, the same one again (no request), or nothing', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await vscode.commands.executeCommand('plex.copyClaimToken');
    const first = await vscode.env.clipboard.readText();
    await control.clearLog();

    await vscode.env.clipboard.writeText('other');
    ui.freshClaimAnswers.push(undefined);
    await vscode.commands.executeCommand('plex.copyClaimToken');
    assert.equal(await vscode.env.clipboard.readText(), 'other', 'dismissed: nothing copied');

    ui.freshClaimAnswers.push('same');
    await vscode.commands.executeCommand('plex.copyClaimToken');
    assert.equal(await vscode.env.clipboard.readText(), first);
    assert.deepEqual(await control.log(), [], 'the live one needs no request');

    ui.freshClaimAnswers.push('fresh');
    await vscode.commands.executeCommand('plex.copyClaimToken');
    const second = await vscode.env.clipboard.readText();
    assert.match(second, /^claim-/);
    assert.notEqual(second, first);
    assert.deepEqual((await control.log()).map((entry) => entry.route), ['claim.token']);
    assert.deepEqual(ui.questions.filter((question) => question.startsWith('freshClaim')), ['freshClaim:live', 'freshClaim:live', 'freshClaim:live']);
    assert.ok(api.testing.claimCountdown().text, 'one countdown, for the new token');
  });

  test('sign-out while a claim token is fetched: nothing copied, no countdown, nothing left running', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await vscode.env.clipboard.writeText('before');
    await control.clearLog();
    await control.addFault({ route: 'claim.token', fault: { kind: 'slow', delayMs: 500 }, times: 1 });
    const copying = vscode.commands.executeCommand('plex.copyClaimToken');
    await waitFor('the claim request to arrive', async () => (await control.log()).some((entry) => entry.route === 'claim.token'));
    await vscode.commands.executeCommand('plex.signOut');
    await copying;

    assert.equal(api.status, 'signedOut');
    assert.equal(await vscode.env.clipboard.readText(), 'before', 'no claim token of the signed-out account lands on the clipboard');
    assert.equal(api.testing.claimCountdown().text, undefined);
    assert.deepEqual(ui.messages.map((shown) => shown.message), ['Signed out of Plex.']);
    assert.equal(api.testing.activeProgress(), 0);
  });

  test('signing out ends the countdown and takes the claim token off the clipboard', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await vscode.commands.executeCommand('plex.copyClaimToken');
    ui.confirmSignOutAnswer = true;
    await vscode.commands.executeCommand('plex.signOut');
    await waitFor('the countdown to end', () => api.testing.claimCountdown().text === undefined);
    await waitFor('the clipboard to be cleared', async () => (await vscode.env.clipboard.readText()) === '');
  });

  for (const [title, fault, message] of [
    ['500', { kind: 'status', status: 500 }, 'Plex answered with an error (HTTP 500). Try again later.'],
    ['a reset connection', { kind: 'reset' }, 'Plex could not be reached. Check your connection.'],
  ] as const) {
    test(`under ${title}: one clear message with Retry, nothing copied, no countdown, no spinner`, async () => {
      const { api, ui, control } = await freshStart();
      await signedInAs('alice', ui, control);
      const before = await api.testing.readStoredSession();
      await vscode.env.clipboard.writeText('before');
      await control.addFault({ route: 'claim.token', fault });
      await vscode.commands.executeCommand('plex.copyClaimToken');

      assert.deepEqual(ui.messages.map((shown) => [shown.severity, shown.message, shown.actions]), [['error', message, ['Retry', 'Show Log']]]);
      assert.equal(await vscode.env.clipboard.readText(), 'before');
      assert.equal(api.testing.claimCountdown().text, undefined);
      assert.equal(await api.testing.readStoredSession(), before);
      assert.equal(api.status, 'signedIn');
      assert.equal(api.testing.activeProgress(), 0);
    });
  }

  test('refused with 401: session expired, nothing copied', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await vscode.env.clipboard.writeText('before');
    await control.addFault({ route: 'claim.token', fault: { kind: 'token-revoked' } });
    await vscode.commands.executeCommand('plex.copyClaimToken');
    await waitFor('the session to expire', () => api.status === 'expired');
    assert.deepEqual(ui.errors(), ['Your Plex session has expired or was revoked. Sign in again to continue.']);
    assert.equal(await vscode.env.clipboard.readText(), 'before');
    assert.equal(api.testing.claimCountdown().text, undefined);
  });
});

suite('Link a Device', () => {
  test('links the code a TV shows (any case) to the signed-in account, with one request', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const link = await control.createLinkCode({ product: 'Plex for LG' });
    await control.clearLog();
    ui.linkCodes.push(link.code.toLowerCase());
    await vscode.commands.executeCommand('plex.linkDevice');

    assert.deepEqual((await control.log()).map((entry) => `${entry.method} ${entry.route} ${entry.status}`), ['PUT pins.link 204']);
    assert.deepEqual(ui.messages.map((shown) => shown.message), ['Device linked: it signs in to Plex as alice in a moment.']);
    assert.deepEqual(ui.linkCodeRejections, [undefined]);
    assert.equal(await linkedUsername(link.id, link.clientIdentifier), 'alice', 'the TV now signs in as alice');
    assert.equal(api.testing.activeProgress(), 0);
  });

  test('a wrong code, then an expired one, ask again with the reason; the right code links', async () => {
    const { ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const expired = await control.createLinkCode();
    await control.expireLinkCode(expired.code);
    const link = await control.createLinkCode();
    const wrong = link.code === 'ZZZZ' ? 'YYYY' : 'ZZZZ';
    ui.linkCodes.push(wrong, expired.code, link.code);
    await vscode.commands.executeCommand('plex.linkDevice');

    const reason = 'That code is not valid or has expired. Check the code the device shows now, and try again.';
    assert.deepEqual(ui.linkCodeRejections, [undefined, { code: wrong, reason }, { code: expired.code, reason }]);
    assert.deepEqual(ui.messages.map((shown) => shown.message), ['Device linked: it signs in to Plex as alice in a moment.']);
    assert.equal(await linkedUsername(link.id, link.clientIdentifier), 'alice');
  });

  test('backing out of the code sends nothing', async () => {
    const { ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await control.clearLog();
    ui.linkCodes.push(undefined);
    await vscode.commands.executeCommand('plex.linkDevice');
    assert.deepEqual(await control.log(), []);
    assert.deepEqual(ui.messages, []);
  });

  test('under 503: one clear message with Retry, not asked again, no spinner', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const link = await control.createLinkCode();
    await control.addFault({ route: 'pins.link', fault: { kind: 'status', status: 503 } });
    ui.linkCodes.push(link.code);
    await vscode.commands.executeCommand('plex.linkDevice');
    assert.deepEqual(ui.messages.map((shown) => [shown.severity, shown.message, shown.actions]), [
      ['error', 'Plex answered with an error (HTTP 503). Try again later.', ['Retry', 'Show Log']],
    ]);
    assert.equal(ui.linkCodeRejections.length, 1);
    assert.equal(api.status, 'signedIn');
    assert.equal(api.testing.activeProgress(), 0);
    assert.equal(await linkedUsername(link.id, link.clientIdentifier), undefined, 'not linked');
  });

  test('refused with 401: session expired, said once', async () => {
    const { api, ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    const link = await control.createLinkCode();
    await control.addFault({ route: 'pins.link', fault: { kind: 'token-revoked' } });
    ui.linkCodes.push(link.code);
    await vscode.commands.executeCommand('plex.linkDevice');
    await waitFor('the session to expire', () => api.status === 'expired');
    assert.deepEqual(ui.errors(), ['Your Plex session has expired or was revoked. Sign in again to continue.']);
  });
});

suite('Copy Account Token', () => {
  teardown(() => setSetting('clipboard.clearAfterSeconds', undefined));

  test('warns first, then copies the stored token without a request, with the usual clipboard clear', async () => {
    const { api, ui, control } = await freshStart();
    const token = await signedInAs('alice', ui, control);
    await setSetting('clipboard.clearAfterSeconds', 1);
    await control.clearLog();
    ui.accountTokenAnswers.push('copy');
    await vscode.commands.executeCommand('plex.copyAccountToken');

    assert.deepEqual(ui.questions, ['accountToken:alice']);
    assert.equal(await vscode.env.clipboard.readText(), token);
    assert.deepEqual(await control.log(), [], 'the token is stored: no request');
    assert.deepEqual(ui.messages.map((shown) => shown.message), [
      'Account token for alice copied; clipboard clears in 1 s. Keep it private: it opens your whole Plex account.',
    ]);
    assert.deepEqual(secretsIn([{ label: 'the account token', value: token }], { messages: JSON.stringify(ui.messages) }), [], 'the token is never shown');
    await waitFor('the clipboard to be cleared', async () => (await vscode.env.clipboard.readText()) === '', 5000);
    assert.equal(api.testing.pendingClipboardClears(), 0);
  });

  test('"Copy Transient Token" instead copies a transient token, not the account token', async () => {
    const { ui, control } = await freshStart();
    const token = await signedInAs('alice', ui, control);
    await setSetting('clipboard.clearAfterSeconds', 0); // no clear left pending for the next suites
    ui.accountTokenAnswers.push('transient');
    ui.serverToPick = "Alice's Library";
    await vscode.commands.executeCommand('plex.copyAccountToken');
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^transient-/);
    assert.notEqual(copied, token);
  });

  test('dismissing the warning copies nothing', async () => {
    const { ui, control } = await freshStart();
    await signedInAs('alice', ui, control);
    await vscode.env.clipboard.writeText('before');
    ui.accountTokenAnswers.push(undefined);
    await vscode.commands.executeCommand('plex.copyAccountToken');
    assert.equal(await vscode.env.clipboard.readText(), 'before');
    assert.deepEqual(ui.messages, []);
  });

  test('signed out, the account tools say to sign in first and ask nothing', async () => {
    const { ui } = await freshStart();
    for (const command of ['plex.copyAccountToken', 'plex.copyClaimToken', 'plex.linkDevice']) {
      await vscode.commands.executeCommand(command);
    }
    assert.deepEqual(ui.questions, []);
    assert.deepEqual(ui.messages.map((shown) => shown.message), ['Sign in to Plex first.', 'Sign in to Plex first.', 'Sign in to Plex first.']);
  });
});

/** Who the linked device signs in as: it polls its PIN with its own client identifier, as a TV does. */
async function linkedUsername(pinId: number, clientIdentifier: string): Promise<string | undefined> {
  const base = process.env.PLEX_STANDIN_URL ?? '';
  const headers = { 'X-Plex-Client-Identifier': clientIdentifier, 'X-Plex-Product': 'Plex for LG', Accept: 'application/json' };
  const pin = (await (await fetch(new URL(`/api/v2/pins/${pinId}`, base), { headers })).json()) as { authToken?: string | null };
  if (!pin.authToken) {
    return undefined;
  }
  const user = await fetch(new URL('/api/v2/user', base), { headers: { ...headers, 'X-Plex-Token': pin.authToken } });
  return ((await user.json()) as { username?: string }).username;
}

suite('Account tools while acting as a Home user', () => {
  test('claim, link and Copy Account Token use the Home user\'s token; the Devices view lists the account\'s own devices', async () => {
    const { api, ui, control } = await freshStart();
    const adminToken = await signedInAs('alice', ui, control);
    const member = await switchedTo(adminToken, 'Dana', control);
    const stored = JSON.parse((await api.testing.readStoredSession()) ?? '{}') as Record<string, unknown>;
    // As another window that switched would: this window follows the stored session.
    const followed = new Promise<void>((resolve) => {
      const subscription = api.onDidChangeState(() => {
        subscription.dispose();
        resolve();
      });
    });
    await api.testing.writeStoredSessionAsAnotherWindow(JSON.stringify({ ...stored, homeUser: member }));
    await followed;

    ui.accountTokenAnswers.push('copy');
    await vscode.commands.executeCommand('plex.copyAccountToken');
    assert.equal(await vscode.env.clipboard.readText(), member.token);
    assert.deepEqual(ui.questions, ['accountToken:dana']);

    await vscode.commands.executeCommand('plex.copyClaimToken');
    const claim = await vscode.env.clipboard.readText();
    assert.equal((await control.claimTokens()).find((issued) => issued.token === claim)?.username, 'dana');
    await api.testing.claimCountdown().expireNow();

    const link = await control.createLinkCode();
    ui.linkCodes.push(link.code);
    await vscode.commands.executeCommand('plex.linkDevice');
    assert.equal(await linkedUsername(link.id, link.clientIdentifier), 'dana');

    await vscode.commands.executeCommand('plex.refreshDevices');
    const rows = await api.testing.deviceTreeItems();
    assert.ok(rows.some((row) => row.label === "Alice's iPhone"), 'the account\'s own devices');
  });
});

/** Switches to a Home user at plex.tv as the extension would, and returns the identity the session stores. */
async function switchedTo(adminToken: string, title: string, control: StandInControl): Promise<{ uuid: string; token: string; account: unknown }> {
  const user = (await control.homeUsers('alice')).find((candidate) => candidate.title === title);
  assert.ok(user, `alice's Home has ${title}`);
  const base = process.env.PLEX_STANDIN_URL ?? '';
  const headers = { 'X-Plex-Client-Identifier': 'account-tools-test', 'X-Plex-Product': 'Test', Accept: 'application/json' };
  const path = `/api/v2/home/users/${user.uuid}/switch${user.pin ? `?pin=${user.pin}` : ''}`;
  const switched = await fetch(new URL(path, base), { method: 'POST', headers: { ...headers, 'X-Plex-Token': adminToken } });
  const { authToken } = (await switched.json()) as { authToken: string };
  const account = (await (await fetch(new URL('/api/v2/user', base), { headers: { ...headers, 'X-Plex-Token': authToken } })).json()) as { username: string };
  return { uuid: user.uuid, token: authToken, account: { ...account, username: account.username } };
}
