// The settings that steer secrets are the user's (src/userOnlySettings.ts): the manifest says so,
// the reader takes only the user's value, and an ignored workspace value is logged once.
import * as assert from 'node:assert/strict';
import { IgnoredWorkspaceSettings, USER_ONLY_SETTINGS, setByWorkspace, settingIn, userValue } from '../../src/userOnlySettings';
import { readRepoJson } from './englishManifest';

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown }; virtualWorkspaces?: unknown };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

suite('User-only settings', () => {
  test('package.json gives each of them "scope": "application", so no workspace, folder or remote machine can set it', () => {
    const properties = (readRepoJson('package.json') as Manifest).contributes.configuration.properties;
    for (const key of USER_ONLY_SETTINGS) {
      assert.equal(properties[`plex.${key}`]?.scope, 'application', `plex.${key}`);
    }
  });

  test('package.json declares how the extension works in untrusted and virtual workspaces', () => {
    const { capabilities } = readRepoJson('package.json') as Manifest;
    assert.equal(capabilities?.untrustedWorkspaces?.supported, true);
    assert.equal(capabilities?.virtualWorkspaces, true);
  });

  test('the user\'s value, else the default; a workspace or folder value never', () => {
    const attacker = 'https://attacker.example';
    assert.equal(userValue({ defaultValue: 'https://plex.tv', workspaceValue: attacker }, 'string', 'x'), 'https://plex.tv');
    assert.equal(userValue({ defaultValue: 'https://plex.tv', workspaceFolderValue: attacker }, 'string', 'x'), 'https://plex.tv');
    assert.equal(
      userValue({ defaultValue: 'https://plex.tv', globalValue: 'https://proxy.example', workspaceValue: attacker }, 'string', 'x'),
      'https://proxy.example',
    );
    assert.equal(userValue({ defaultValue: 60, globalValue: 5, workspaceValue: 0 }, 'number', 60), 5);
    assert.equal(userValue({ defaultValue: false, workspaceValue: true }, 'boolean', false), false);
    assert.equal(userValue(undefined, 'number', 60), 60, 'nothing inspected: the fallback');
  });

  test('each setting\'s layers come from the inspection of the whole section', () => {
    const section = {
      defaultValue: { plexTvUrl: 'https://plex.tv', clipboard: { clearAfterSeconds: 60 }, jwt: { enabled: false } },
      globalValue: { clipboard: { clearAfterSeconds: 5 } },
      workspaceValue: { plexTvUrl: 'https://attacker.example', jwt: { enabled: true } },
    };
    assert.deepEqual(settingIn(section, 'clipboard.clearAfterSeconds'), {
      defaultValue: 60,
      globalValue: 5,
      workspaceValue: undefined,
      workspaceFolderValue: undefined,
    });
    assert.equal(userValue(settingIn(section, 'plexTvUrl'), 'string', 'x'), 'https://plex.tv');
    assert.equal(setByWorkspace(settingIn(section, 'jwt.enabled')), true);
    assert.equal(userValue(settingIn(section, 'jwt.enabled'), 'boolean', true), false);
    assert.equal(settingIn({ globalValue: { clipboard: 0 } }, 'clipboard.clearAfterSeconds').globalValue, undefined, 'no value inside a non-object');
    assert.equal(settingIn({ globalValue: {} }, 'authUrl').globalValue, undefined);
    assert.equal(settingIn(undefined, 'authUrl').defaultValue, undefined);
  });

  test('a value of the wrong type counts as unset', () => {
    assert.equal(userValue({ defaultValue: 60, globalValue: '0' }, 'number', 60), 60);
    assert.equal(userValue({ defaultValue: 'https://plex.tv', globalValue: 42 }, 'string', 'x'), 'https://plex.tv');
    assert.equal(userValue({ globalValue: 'yes' }, 'boolean', false), false);
  });

  test('set by the workspace: a workspace or folder value, not a user or default one', () => {
    assert.equal(setByWorkspace({ workspaceValue: 0 }), true);
    assert.equal(setByWorkspace({ workspaceFolderValue: false }), true);
    assert.equal(setByWorkspace({ globalValue: 'x', defaultValue: 'y' }), false);
    assert.equal(setByWorkspace(undefined), false);
  });

  test('an ignored workspace value is logged once, not once per read; a change is logged again', () => {
    const report = new IgnoredWorkspaceSettings();
    assert.equal(report.lineFor([]), undefined, 'nothing ignored: nothing to say');
    const first = report.lineFor(['plexTvUrl', 'clipboard.clearAfterSeconds']);
    assert.match(first ?? '', /^Ignored this workspace's plex\.plexTvUrl, plex\.clipboard\.clearAfterSeconds: /);
    for (let read = 0; read < 5; read++) {
      assert.equal(report.lineFor(['plexTvUrl', 'clipboard.clearAfterSeconds']), undefined);
    }
    assert.match(report.lineFor(['authUrl']) ?? '', /plex\.authUrl/);
    assert.equal(report.lineFor([]), undefined);
    assert.match(report.lineFor(['authUrl']) ?? '', /plex\.authUrl/, 'set again after it was removed: said again');
  });
});
