import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlexExtensionApi } from '../../src/api';
import { accountSecrets } from '../harness/accountSecrets';
import type { Secret } from '../harness/secretScanner';
import { DEMO_ACCOUNTS } from '../standin/accounts';
import type { PlexTestingApi } from './testingApi';
import type { StandInControl } from '../standin/controlClient';
import { freshStart, setSetting } from './helpers';
import type { ScriptedUi } from './scriptedUi';

export type TestApi = PlexExtensionApi & { testing: PlexTestingApi };

export interface StoredJwtSession {
  token: string;
  method: string;
  account: { username: string; uuid: string };
  jwt?: { expiresAt: number };
}

export interface StoredDevice {
  clientIdentifier: string;
  /** The serialized private JWK. */
  key: string;
}

/** A signed-out start with the JWT preview on and the stand-in's JWT switches reset. */
export async function jwtStart(): Promise<{ api: TestApi; ui: ScriptedUi; control: StandInControl }> {
  const started = await freshStart();
  await started.control.jwt.reset();
  await setSetting('jwt.enabled', true);
  return started;
}

/** Turns the preview off again (the default) once a suite is done. */
export async function jwtOff(): Promise<void> {
  await setSetting('jwt.enabled', undefined);
}

export async function storedJwtSession(api: TestApi): Promise<StoredJwtSession | undefined> {
  const raw = await api.testing.readStoredSession();
  return raw === undefined ? undefined : (JSON.parse(raw) as StoredJwtSession);
}

/** The stored devices by account key (the account's uuid). */
export async function storedDevices(api: TestApi): Promise<Record<string, StoredDevice>> {
  const raw = await api.testing.readStoredDeviceKey();
  return raw === undefined ? {} : (JSON.parse(raw) as { devices: Record<string, StoredDevice> }).devices;
}

/** The active account's stored device. */
export async function storedDevice(api: TestApi): Promise<StoredDevice | undefined> {
  const session = await storedJwtSession(api);
  return session === undefined ? undefined : (await storedDevices(api))[session.account.uuid];
}

/** Token sign-in with a classic token the stand-in issues; with the preview on it ends with a Plex JWT. */
export async function jwtSignInWithToken(username: string, ui: ScriptedUi, control: StandInControl): Promise<string> {
  const classic = await control.issueToken(username);
  ui.tokens.push(classic);
  await vscode.commands.executeCommand('plex.signInWithToken');
  return classic;
}

/** A signed-in JWT session, checked: the stored token is a Plex JWT the stand-in issued. */
export async function signedInWithJwt(api: TestApi, control: StandInControl): Promise<StoredJwtSession> {
  assert.equal(api.status, 'signedIn');
  const stored = await storedJwtSession(api);
  assert.ok(stored?.jwt, 'the session records that its token is a Plex JWT');
  assert.ok((await control.jwt.plexJwts()).includes(stored.token), 'the stored token is a Plex JWT the stand-in issued');
  return stored;
}

/** Every secret the stand-in and the extension made: tokens, JWTs, the device key's private part. */
export async function madeSecrets(api: TestApi, control: StandInControl): Promise<Secret[]> {
  const device = await storedDevice(api);
  const privateKey = device && (JSON.parse(device.key) as { d: string }).d;
  const named = (kind: string, values: readonly string[]): Secret[] => values.map((value, index) => ({ label: `${kind} #${index}`, value }));
  return [
    ...named('Plex JWT', await control.jwt.plexJwts()),
    ...named('device JWT', await control.jwt.deviceJwts()),
    ...named('issued token', await control.issuedTokens()),
    ...named('device token', await control.deviceTokens()),
    ...named('device key d', privateKey ? [privateKey] : []),
  ];
}

/**
 * The secrets made, and every password, two-factor code and Home PIN of the demo accounts: none
 * may show, in any encoding, in a message or the log. No length floor (the scanner matches short
 * secrets as whole tokens).
 */
export async function allSecrets(api: TestApi, control: StandInControl): Promise<Secret[]> {
  return [...(await madeSecrets(api, control)), ...accountSecrets(DEMO_ACCOUNTS)];
}
