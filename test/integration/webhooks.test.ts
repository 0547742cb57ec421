import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PLEX_PASS_URL } from '../../src/account/plexPass';
import { WebhookReceiver, parseMultipart } from '../receiver/webhookReceiver';
import { freshStart, setSetting, signedInAs, waitFor } from './helpers';
import type { ScriptedUi } from './scriptedUi';
import type { StandInControl } from '../standin/controlClient';
import type { PlexTestingApi } from './testingApi';
import type { PlexExtensionApi } from '../../src/api';
import { secretsIn } from '../harness/secretScanner';

type Api = PlexExtensionApi & { testing: PlexTestingApi };

// carol has an active Plex Pass; bob has none. The stand-in's reset empties every webhook list.

/** The Webhooks view's rows: label, id, context value, and a message row's retry command. */
async function shownWebhooks(api: Api): Promise<{ label: string; id: string | undefined; contextValue: string | undefined; command: string | undefined }[]> {
  return (await api.testing.webhookTreeItems()).map((item) => ({
    label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
    id: item.id,
    contextValue: item.contextValue,
    command: item.command?.command,
  }));
}

async function webhookRoutes(control: StandInControl): Promise<string[]> {
  return (await control.log()).filter((entry) => entry.route.startsWith('webhooks.')).map((entry) => `${entry.route} ${entry.status}`);
}

async function startAs(username: string): Promise<{ api: Api; ui: ScriptedUi; control: StandInControl }> {
  const started = await freshStart();
  await started.control.setWebhooks('carol', []);
  await signedInAs(username, started.ui, started.control);
  await started.control.clearLog();
  return started;
}

suite('Webhooks view, Add and Remove Webhook', () => {
  teardown(async () => {
    await setSetting('requestTimeoutSeconds', undefined);
  });

  test('the view lists the account’s webhooks with one request; Refresh Webhooks asks again', async () => {
    const { api, control } = await startAs('carol');
    await control.setWebhooks('carol', ['https://example.com/a', 'http://192.168.1.5:8123/api/webhook/plex']);
    await Promise.all([shownWebhooks(api), shownWebhooks(api)]);
    const rows = await shownWebhooks(api);
    assert.deepEqual(
      rows.map((row) => [row.label, row.contextValue, row.id]),
      [
        ['https://example.com/a', 'plex.webhook', 'webhook:https://example.com/a'],
        ['http://192.168.1.5:8123/api/webhook/plex', 'plex.webhook', 'webhook:http://192.168.1.5:8123/api/webhook/plex'],
      ],
    );
    assert.deepEqual(await webhookRoutes(control), ['webhooks.list 200']);
    assert.equal(api.testing.recordedContextKeys().get('plex.webhooksNeedPlexPass'), false);
    await vscode.commands.executeCommand('plex.refreshWebhooks');
    await shownWebhooks(api);
    assert.deepEqual(await webhookRoutes(control), ['webhooks.list 200', 'webhooks.list 200']);
  });

  test('Add Webhook validates while typing, then reads and writes the list (2 requests)', async () => {
    const { api, ui, control } = await startAs('carol');
    await shownWebhooks(api);
    await control.clearLog();
    ui.webhookUrlTyping.push(['h', 'https', 'ftp://example.com', 'https://user:pw@example.com/x', 'https://example.com/a b', 'https://example.com/hook']);
    await vscode.commands.executeCommand('plex.addWebhook');
    assert.deepEqual(
      ui.webhookUrlValidations.map(({ value, message }) => [value, message]),
      [
        ['h', 'That is not a complete address: it starts with https:// or http:// and names a host.'],
        ['https', 'That is not a complete address: it starts with https:// or http:// and names a host.'],
        ['ftp://example.com', 'Plex posts webhooks over https:// or http:// only.'],
        ['https://user:pw@example.com/x', 'Leave the user name and password out of the address: Plex would show them in every list of webhooks.'],
        ['https://example.com/a b', 'An address has no spaces.'],
        ['https://example.com/hook', undefined],
      ],
    );
    assert.deepEqual(await control.webhooks('carol'), ['https://example.com/hook']);
    assert.deepEqual(await webhookRoutes(control), ['webhooks.list 200', 'webhooks.set 200']);
    assert.deepEqual(ui.messages.map((shown) => [shown.severity, shown.message, shown.actions]), [
      ['info', 'Plex will post events to https://example.com/hook.', ['Send Test Event']],
    ]);
    assert.deepEqual((await shownWebhooks(api)).map((row) => row.label), ['https://example.com/hook'], 'the view shows the new list without asking again');
    assert.deepEqual(await webhookRoutes(control), ['webhooks.list 200', 'webhooks.set 200']);

    // An address already listed: the box says so while typing.
    ui.webhookUrlTyping.push(['https://example.com/hook', undefined]);
    await vscode.commands.executeCommand('plex.addWebhook');
    assert.equal(ui.webhookUrlValidations.at(-1)?.message, 'This address is already a webhook of your Plex account.');
  });

  test('a webhook added elsewhere after the view was shown is kept by Add Webhook', async () => {
    const { api, ui, control } = await startAs('carol');
    await control.setWebhooks('carol', ['https://example.com/first']);
    await shownWebhooks(api);
    await control.setWebhooks('carol', ['https://example.com/first', 'https://web-app.example/added-meanwhile']);
    ui.webhookUrlTyping.push(['https://example.com/mine']);
    await vscode.commands.executeCommand('plex.addWebhook');
    assert.deepEqual(await control.webhooks('carol'), ['https://example.com/first', 'https://web-app.example/added-meanwhile', 'https://example.com/mine']);
  });

  test('two adds at once in one window take turns: both end in the list', async () => {
    const { api, ui, control } = await startAs('carol');
    await shownWebhooks(api);
    await control.clearLog();
    ui.webhookUrlTyping.push(['https://one.example/hook'], ['https://two.example/hook']);
    await Promise.all([vscode.commands.executeCommand('plex.addWebhook'), vscode.commands.executeCommand('plex.addWebhook')]);
    assert.deepEqual((await control.webhooks('carol')).sort(), ['https://one.example/hook', 'https://two.example/hook']);
    // Each change read the list right before writing it: read, write, read, write.
    assert.deepEqual(await webhookRoutes(control), ['webhooks.list 200', 'webhooks.set 200', 'webhooks.list 200', 'webhooks.set 200']);
    assert.deepEqual((await shownWebhooks(api)).map((row) => row.label).sort(), ['https://one.example/hook', 'https://two.example/hook']);
  });

  test('Remove Webhook confirms naming the webhook, then reads and writes (2 requests); declining sends nothing', async () => {
    const { api, ui, control } = await startAs('carol');
    await control.setWebhooks('carol', ['https://example.com/a', 'https://example.com/b']);
    await shownWebhooks(api);
    await control.clearLog();
    ui.removeWebhookAnswers.push(false);
    await vscode.commands.executeCommand('plex.removeWebhook', { kind: 'webhook', webhookUrl: 'https://example.com/a' });
    assert.deepEqual(ui.questions, ['removeWebhook:https://example.com/a']);
    assert.deepEqual(await webhookRoutes(control), []);

    ui.removeWebhookAnswers.push(true);
    await vscode.commands.executeCommand('plex.removeWebhook', { kind: 'webhook', webhookUrl: 'https://example.com/a' });
    assert.deepEqual(await control.webhooks('carol'), ['https://example.com/b']);
    assert.deepEqual(await webhookRoutes(control), ['webhooks.list 200', 'webhooks.set 200']);
    assert.equal(ui.messages.at(-1)?.message, 'Plex no longer posts events to https://example.com/a.');
    assert.deepEqual((await shownWebhooks(api)).map((row) => row.label), ['https://example.com/b']);

    // The last one goes too: plex.tv gets the empty list.
    ui.removeWebhookAnswers.push(true);
    await vscode.commands.executeCommand('plex.removeWebhook', { kind: 'webhook', webhookUrl: 'https://example.com/b' });
    assert.deepEqual(await control.webhooks('carol'), []);
    assert.deepEqual(await shownWebhooks(api), []);
  });

  test('forged arguments: anything but a listed webhook is refused, and nothing is sent to it or to plex.tv’s list', async () => {
    const { api, ui, control } = await startAs('carol');
    const listener = await new WebhookReceiver().start();
    try {
      await control.setWebhooks('carol', ['https://example.com/listed']);
      await shownWebhooks(api);
      await control.clearLog();
      const forged: unknown[] = [
        { webhookUrl: listener.address('/forged') },
        { webhookUrl: 42 },
        'https://example.com/listed',
        Object.create({ webhookUrl: 'https://example.com/listed' }) as object,
        { url: 'https://example.com/listed' },
        { webhookUrl: '__proto__' },
      ];
      for (const argument of forged) {
        await vscode.commands.executeCommand('plex.removeWebhook', argument);
        await vscode.commands.executeCommand('plex.sendTestWebhook', argument);
      }
      assert.equal(listener.arrivals, 0, 'the forged address received nothing');
      assert.deepEqual(await control.webhooks('carol'), ['https://example.com/listed']);
      // An unknown address reads the list once more (a webhook added elsewhere), and writes nothing.
      assert.ok((await webhookRoutes(control)).every((route) => route === 'webhooks.list 200'));
      assert.deepEqual(ui.questions, [], 'no confirmation or event pick was offered');
      const errors = ui.errors();
      assert.equal(errors.length, forged.length * 2);
      for (const message of errors) {
        assert.match(
          message,
          /^(That Plex command takes an item of a Plex view, and was given something else, so nothing was sent\.|That address is not a webhook of your Plex account \(any more\), so nothing was sent\. The Webhooks view shows the webhooks Plex lists now\.)$/,
        );
      }
    } finally {
      await listener.close();
    }
  });

  test('an account without Plex Pass: the view says so, no button offers a change, and nothing is asked or sent', async () => {
    const { api, ui, control } = await startAs('bob');
    assert.deepEqual(await shownWebhooks(api), [], 'the view shows its Plex Pass welcome');
    assert.equal(api.testing.recordedContextKeys().get('plex.webhooksNeedPlexPass'), true);
    const manifest = vscode.extensions.getExtension('plex-vscode.plex-vscode')?.packageJSON as {
      contributes: { viewsWelcome: { view: string; when: string; contents: string }[]; menus: { 'view/title': { command: string; when: string }[] } };
    };
    const welcome = manifest.contributes.viewsWelcome.find((entry) => entry.view === 'plex.webhooks' && entry.when.includes('&& plex.webhooksNeedPlexPass'));
    assert.ok(welcome?.contents.includes(PLEX_PASS_URL), 'the welcome links to Plex’s page');
    const addButton = manifest.contributes.menus['view/title'].find((entry) => entry.command === 'plex.addWebhook');
    assert.match(addButton?.when ?? '', /!plex\.webhooksNeedPlexPass/);

    ui.messageAnswers.push('Learn About Plex Pass');
    await vscode.commands.executeCommand('plex.addWebhook');
    await vscode.commands.executeCommand('plex.removeWebhook', { webhookUrl: 'https://example.com/a' });
    await vscode.commands.executeCommand('plex.sendTestWebhook', { webhookUrl: 'https://example.com/a' });
    assert.deepEqual(ui.questions, [], 'no address, confirmation or event was asked for');
    assert.deepEqual(
      ui.messages.map((shown) => [shown.severity, shown.message, shown.actions]),
      Array.from({ length: 3 }, () => ['info', 'Webhooks are a Plex Pass feature, and this Plex account has no active Plex Pass.', ['Learn About Plex Pass']]),
    );
    assert.deepEqual(ui.openedUrls, [PLEX_PASS_URL]);
    assert.deepEqual(await webhookRoutes(control), [], 'plex.tv was not asked');
  });
});

suite('Webhooks refused by plex.tv (no Plex Pass the account answer did not show)', () => {
  test('plex.tv’s 403 makes the view say so, hides Add, and the commands send nothing more', async () => {
    const { api, ui, control } = await freshStart();
    // An account answer without a subscription: whether the account has Plex Pass is then plex.tv's to say.
    await control.addFault({ route: 'user', fault: { kind: 'set-field', field: 'subscription', value: null }, times: 1 });
    await signedInAs('bob', ui, control);
    await control.clearLog();
    assert.deepEqual(await shownWebhooks(api), [], 'the view shows its Plex Pass welcome');
    assert.equal(api.testing.recordedContextKeys().get('plex.webhooksNeedPlexPass'), true);
    assert.deepEqual(await webhookRoutes(control), ['webhooks.list 403']);

    await vscode.commands.executeCommand('plex.addWebhook');
    await vscode.commands.executeCommand('plex.sendTestWebhook', { webhookUrl: 'https://example.com/a' });
    assert.deepEqual(ui.questions, []);
    assert.deepEqual(
      ui.messages.map((shown) => shown.message),
      ['Webhooks are a Plex Pass feature, and this Plex account has no active Plex Pass.', 'Webhooks are a Plex Pass feature, and this Plex account has no active Plex Pass.'],
    );
    assert.deepEqual(await webhookRoutes(control), ['webhooks.list 403'], 'plex.tv was not asked again');
    assert.equal(api.status, 'signedIn', 'a refusal for want of Plex Pass is not a refused token');
    // The stand-in's answer without a subscription is a deliberate break of the account schema.
    const violations = await control.violations();
    assert.ok(violations.every((violation) => /subscription/.test(violation)), violations.join('\n'));
    await control.clearViolations();
  });
});

suite('Send Test Event', () => {
  let receiver: WebhookReceiver;
  setup(async () => {
    receiver = await new WebhookReceiver().start();
  });
  teardown(async () => {
    await receiver.close();
    await setSetting('requestTimeoutSeconds', undefined);
  });

  async function listed(username = 'carol'): Promise<{ api: Api; ui: ScriptedUi; control: StandInControl; url: string }> {
    const started = await startAs(username);
    const url = receiver.address('/hooks/plex?key=abc');
    await started.control.setWebhooks('carol', [url]);
    await shownWebhooks(started.api);
    await started.control.clearLog();
    return { ...started, url };
  }

  test('posts the picked event as Plex does (multipart, a payload part), without token or email; shows status and time; plex.tv gets nothing', async () => {
    const { api, ui, control, url } = await listed();
    ui.webhookEvents.push('media.scrobble');
    await vscode.commands.executeCommand('plex.sendTestWebhook', { webhookUrl: url });
    assert.equal(receiver.received.length, 1);
    const [received] = receiver.received;
    assert.deepEqual(received.problems, []);
    assert.equal(received.path, '/hooks/plex?key=abc');
    assert.match(String(received.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.deepEqual(Object.keys(parseMultipart(String(received.headers['content-type']), Buffer.from(received.raw))), ['payload']);
    const payload = received.payload as { event: string; Account: { title: string; id: number }; Server: { title: string }; Player: { title: string } };
    assert.equal(payload.event, 'media.scrobble');
    assert.equal(payload.Account.title, 'Carol');
    assert.equal(typeof payload.Account.id, 'number');
    assert.equal(received.headers['x-plex-token'], undefined);
    const stored = (await api.testing.readStoredSession()) ?? '';
    const token = (JSON.parse(stored) as { token: string }).token;
    assert.deepEqual(secretsIn([{ label: 'the session token', value: token }], { body: received.raw, headers: JSON.stringify(received.headers) }), []);
    assert.doesNotMatch(received.raw, /carol@example\.com/);
    assert.deepEqual(ui.questions, [`webhookEvent:${url}:12`]);
    const [shown] = ui.messages;
    assert.equal(shown?.severity, 'info');
    assert.match(shown?.message ?? '', new RegExp(`^${receiver.url.replace(/^http:\/\//, '').replace(/\./g, '\\.')} received media\\.scrobble: it answered 200 OK in \\d+ ms\\.$`));
    assert.deepEqual(await control.log(), [], 'nothing went to plex.tv');
  });

  test('a receiver that answers an error: its status and time, as a warning', async () => {
    const { ui, url } = await listed();
    receiver.behaviour = { kind: 'status', status: 500 };
    ui.webhookEvents.push('library.new');
    await vscode.commands.executeCommand('plex.sendTestWebhook', { webhookUrl: url });
    assert.equal(receiver.received.length, 1);
    assert.match(
      ui.messages.at(-1)?.message ?? '',
      /^127\.0\.0\.1:\d+ answered 500 Internal Server Error in \d+ ms: the receiver got the test event but reported an error\. Its own log says why\.$/,
    );
    assert.equal(ui.messages.at(-1)?.severity, 'warn');
  });

  test('a receiver that is down: a clear error with Retry, which sends again', async () => {
    const { ui, url } = await listed();
    await receiver.close();
    ui.webhookEvents.push('media.play');
    ui.messageAnswers.push('Retry');
    await vscode.commands.executeCommand('plex.sendTestWebhook', { webhookUrl: url });
    // Retry sent the same event again (no second pick), and it failed the same way.
    assert.deepEqual(ui.questions, [`webhookEvent:${url}:12`]);
    assert.deepEqual(ui.messages.map((shown) => [shown.severity, shown.actions]), [['error', ['Retry']], ['error', ['Retry']]]);
    for (const shown of ui.messages) {
      assert.match(shown.message, /^Nothing answered at 127\.0\.0\.1:\d+: the receiver is not running, or the address is wrong\. The test event was not delivered\.$/);
    }
  });

  test('a receiver that does not answer: a clear timeout message after the request timeout', async () => {
    const { ui, url } = await listed();
    await setSetting('requestTimeoutSeconds', 1);
    receiver.behaviour = { kind: 'hang' };
    ui.webhookEvents.push('media.pause');
    const started = Date.now();
    await vscode.commands.executeCommand('plex.sendTestWebhook', { webhookUrl: url });
    assert.ok(Date.now() - started < 5000, 'it gave up after the timeout');
    assert.equal(receiver.arrivals, 1);
    assert.match(
      ui.messages.at(-1)?.message ?? '',
      /^127\.0\.0\.1:\d+ did not answer in time: the receiver is slow or stuck\. Plex does not wait long either; answer at once and do the work afterwards\.$/,
    );
  });

  test('Add Webhook offers a test event, sent to the new address', async () => {
    const { ui, control } = await startAs('carol');
    const url = receiver.address('/new');
    ui.webhookUrlTyping.push([url]);
    ui.messageAnswers.push('Send Test Event');
    ui.webhookEvents.push('playback.started');
    await vscode.commands.executeCommand('plex.addWebhook');
    await waitFor('the receiver to get the event', () => receiver.received.length === 1);
    assert.deepEqual(receiver.received[0]?.problems, []);
    assert.deepEqual(await control.webhooks('carol'), [url]);
  });
});
