// The webhook actions of the fault matrix: Add and Remove Webhook (the fault meets the write that
// follows the read) and Send Test Event (the fault meets the read that checks the address is the
// account's). They run as carol, the stand-in's Plex Pass account.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WebhookReceiver } from '../../receiver/webhookReceiver';
import type { MatrixAction } from './actions';
import type { MatrixContext } from './context';

const ACCOUNT = 'carol';
/** Stays listed through every case, so a list's first entry (the field the body faults break) is always there. */
const KEEPER = 'https://keeper.example/hook';

let webhooksMade = 0;
let receiver: WebhookReceiver | undefined;

/** The receiver the Send Test Event cases post to; one for the whole matrix. */
async function matrixReceiver(): Promise<WebhookReceiver> {
  receiver ??= await new WebhookReceiver().start();
  return receiver;
}

/** Closes the receiver, if a case started it. */
export async function closeMatrixReceiver(): Promise<void> {
  await receiver?.close();
  receiver = undefined;
}

/** The address this run works on, kept on the context between script, run and assertWorked. */
const addresses = new WeakMap<MatrixContext, string>();

function address(context: MatrixContext): string {
  const url = addresses.get(context);
  assert.ok(url, 'the script chose an address');
  return url;
}

function assertSignedIn(context: MatrixContext): void {
  assert.equal(context.api.status, 'signedIn');
}

export const WEBHOOK_ACTIONS: MatrixAction[] = [
  {
    id: 'addWebhook',
    title: 'Add webhook',
    account: ACCOUNT,
    signedIn: true,
    onServer: false,
    route: 'webhooks.set',
    requiredField: '0.url',
    script: async (context) => {
      const url = `https://matrix.example/add/${++webhooksMade}`;
      addresses.set(context, url);
      await context.control.setWebhooks(ACCOUNT, [KEEPER]);
      await context.control.clearLog();
      context.ui.webhookUrlTyping.push([url]);
    },
    run: async () => {
      await vscode.commands.executeCommand('plex.addWebhook');
    },
    assertWorked: async (context) => {
      const url = address(context);
      assert.deepEqual(await context.control.webhooks(ACCOUNT), [KEEPER, url]);
      assert.ok(context.ui.messages.some((shown) => shown.message === `Plex will post events to ${url}.`));
      assertSignedIn(context);
    },
  },
  {
    id: 'removeWebhook',
    title: 'Remove webhook',
    account: ACCOUNT,
    signedIn: true,
    onServer: false,
    route: 'webhooks.set',
    requiredField: '0.url',
    script: async (context) => {
      const url = `https://matrix.example/remove/${++webhooksMade}`;
      addresses.set(context, url);
      await context.control.setWebhooks(ACCOUNT, [KEEPER, url]);
      await context.control.clearLog();
      context.ui.removeWebhookAnswers.push(true);
    },
    run: async (context) => {
      await vscode.commands.executeCommand('plex.removeWebhook', { kind: 'webhook', webhookUrl: address(context) });
    },
    assertWorked: async (context) => {
      const url = address(context);
      assert.deepEqual(await context.control.webhooks(ACCOUNT), [KEEPER]);
      assert.ok(context.ui.messages.some((shown) => shown.message === `Plex no longer posts events to ${url}.`));
      assertSignedIn(context);
    },
  },
  {
    id: 'sendTestWebhook',
    title: 'Send test event',
    account: ACCOUNT,
    signedIn: true,
    onServer: false,
    route: 'webhooks.list',
    requiredField: '0.url',
    script: async (context) => {
      const hooks = await matrixReceiver();
      const url = hooks.address(`/matrix/${++webhooksMade}`);
      addresses.set(context, url);
      await context.control.setWebhooks(ACCOUNT, [url]);
      await context.control.clearLog();
      context.ui.webhookEvents.push('media.play');
    },
    run: async (context) => {
      await vscode.commands.executeCommand('plex.sendTestWebhook', { kind: 'webhook', webhookUrl: address(context) });
    },
    assertWorked: async (context) => {
      const url = address(context);
      const hooks = await matrixReceiver();
      const received = hooks.received.filter((event) => event.path === new URL(url).pathname);
      assert.equal(received.length, 1, 'the receiver got the event once');
      assert.deepEqual(received[0]?.problems, []);
      const host = new URL(url).host;
      assert.ok(context.ui.messages.some((shown) => new RegExp(`^${host.replace(/\./g, '\\.')} received media\\.play: it answered 200 OK in \\d+ ms\\.$`).test(shown.message)));
      assertSignedIn(context);
    },
  },
];
