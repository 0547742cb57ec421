// Values a server chooses (its name, a username) are shown, never executed.
// Notifications and progress titles turn `[label](command:...)` into a clickable command link;
// trees and tooltips show plain strings as text; the source document escapes markdown.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { freshStart, signInAs } from './helpers';

const HOSTILE = '[x](command:workbench.action.quit) <img src=x>';

/** The pattern VS Code's notifications use to find links (vs/base/common/linkedText.ts, 1.100). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

function assertNoLink(message: string): void {
  assert.doesNotMatch(message, NOTIFICATION_LINK, `a link would form in: ${message}`);
  // Still readable: the name shows, with only an invisible space added.
  assert.ok(message.replace(/\u200b/g, '').includes(HOSTILE), `the name is shown as it is: ${message}`);
}

suite('Hostile server and account names', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await freshStart();
  });

  test('a server name with a command link and HTML: text in messages, the tree, tooltips and the document', async () => {
    const { api, ui, control } = await freshStart();
    await control.addFault({ route: 'resources', fault: { kind: 'set-field', field: 'name', value: HOSTILE } });
    await control.addFault({ route: 'pms.sourceConnection', fault: { kind: 'set-field', field: 'MediaContainer.Device.name', value: HOSTILE } });
    await signInAs('alice', ui, control);
    ui.messages.length = 0;
    ui.serverToPick = HOSTILE;
    await vscode.commands.executeCommand('plex.selectServer');
    await vscode.commands.executeCommand('plex.copyTransientToken');
    await vscode.commands.executeCommand('plex.showSourceConnectionInformation');
    await control.addFault({ route: 'pms.transientToken', fault: { kind: 'status', status: 500 }, times: 1 });
    await vscode.commands.executeCommand('plex.copyTransientToken');

    const shown = ui.messages.map((message) => message.message);
    assert.equal(shown.length, 4, JSON.stringify(shown));
    shown.forEach(assertNoLink);
    assert.match(shown[3], /answered with an error \(HTTP 500\)/);

    const items = await api.testing.serverTreeItems();
    assert.equal(items.length, 2);
    for (const item of items) {
      assert.equal(item.label, HOSTILE, 'the tree label is the plain string');
      assert.equal(typeof item.tooltip, 'string', 'a string tooltip is shown as text; a MarkdownString would render');
      assert.ok(String(item.tooltip).startsWith(HOSTILE));
    }

    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.ok(text.includes('\\[x\\]\\(command:workbench.action.quit\\) \\<img src=x\\>'), 'markdown and HTML are escaped in the document');
  });

  test('a username with a command link: text in the sign-in message', async () => {
    const { ui, control } = await freshStart();
    await control.addFault({ route: 'user', fault: { kind: 'set-field', field: 'username', value: HOSTILE }, times: 1 });
    await signInAs('alice', ui, control);
    const signedIn = ui.messages.find((message) => message.message.startsWith('Signed in to Plex as'));
    assert.ok(signedIn);
    assertNoLink(signedIn.message);
  });

  test('a shared server named like an icon: the quick pick shows the characters, not the icon', async () => {
    const { ui, control } = await freshStart();
    const iconName = '$(verified) Official Plex Server';
    await control.addFault({ route: 'resources', fault: { kind: 'set-field', field: 'name', value: iconName } });
    await signInAs('alice', ui, control);
    ui.serverToPick = undefined;
    await vscode.commands.executeCommand('plex.selectServer');

    const asked = ui.questions.find((question) => question.startsWith('server:')) ?? '';
    // VS Code draws $(name) as an icon in quick pick labels (the pattern of renderLabelWithIcons).
    assert.doesNotMatch(asked, /\$\([a-z0-9-]+(?:~[a-z]+)?\)/i, `an icon would be drawn in: ${asked}`);
    assert.ok(asked.replace(/\u200b/g, '').includes(iconName), `the name reads as it is: ${asked}`);
  });
});
