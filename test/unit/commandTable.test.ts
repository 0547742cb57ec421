// package.json's command contributions must say what the command table says: every command
// declared, none extra, and each palette entry's when clause derived from the table.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, paletteWhen, statusBarMenu } from '../../src/commandTable';

interface Manifest {
  contributes: {
    commands: { command: string; category?: string }[];
    menus: { commandPalette: { command: string; when?: string }[] };
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

suite('command table and package.json', () => {
  test('the same commands, all in category Plex', () => {
    assert.deepEqual(
      manifest.contributes.commands.map((entry) => entry.command).sort(),
      COMMANDS.map((command) => command.id).sort(),
    );
    for (const entry of manifest.contributes.commands) {
      assert.equal(entry.category, 'Plex', entry.command);
    }
  });

  test('palette visibility is the table\'s', () => {
    const declared = new Map(manifest.contributes.menus.commandPalette.map((entry) => [entry.command, entry.when]));
    for (const command of COMMANDS) {
      assert.equal(declared.get(command.id), paletteWhen(command.palette), `when clause of ${command.id}`);
    }
    assert.deepEqual(
      [...declared.keys()].filter((id) => !COMMANDS.some((command) => command.id === id)),
      [],
      'palette entries for commands the table does not know',
    );
  });

  test('sign-out is in the palette whenever a session is stored, expired or not', () => {
    assert.equal(paletteWhen(COMMANDS.find((command) => command.id === 'plex.signOut')?.palette ?? 'never'), 'plex.signedIn || plex.sessionExpired');
  });

  test('the status-bar menu comes from the table, in order', () => {
    assert.deepEqual(
      statusBarMenu().map((entry) => entry.id),
      ['plex.copyTransientToken', 'plex.refresh', 'plex.selectServer', 'plex.switchHomeUser', 'plex.showAccount', 'plex.switchAccount', 'plex.addAccount', 'plex.signOut'],
    );
  });
});
