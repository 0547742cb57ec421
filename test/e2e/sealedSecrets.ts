// Opens the workbench's sealed secret store, as the workbench itself does, so an audit can learn
// a secret that only ever lives there (the JWT device key) and search for it everywhere else.
// code-server keeps extension secrets in localStorage "secrets.provider": base64 of a random
// 32-byte client key, a 12-byte IV and the AES-256-GCM ciphertext of a JSON object; the AES key
// is the client key XOR a 32-byte key the server mints (POST <workbench path>/mint-key).
import { createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../harness/paths';

const STORE_KEY = 'secrets.provider';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Every secret in the store, by the workbench's key (for an extension: JSON of { extensionId, key }). */
export async function readSealedSecrets(page: Page, origin: string): Promise<Record<string, string>> {
  // Runs in the page; tsconfig has no DOM lib (the extension must not use it), hence the shape.
  const sealed = await page.evaluate(
    (key) => (globalThis as unknown as { localStorage: { getItem(name: string): string | null } }).localStorage.getItem(key),
    STORE_KEY,
  );
  if (sealed === null) {
    throw new Error(`The workbench has no ${STORE_KEY} in localStorage`);
  }
  const response = await fetch(`${origin}/mint-key`, { method: 'POST' });
  if (!response.ok) {
    throw new Error(`code-server's mint-key answered ${response.status}`);
  }
  const serverKey = Buffer.from(await response.arrayBuffer());
  const bytes = Buffer.from(sealed, 'base64');
  if (serverKey.length !== KEY_BYTES || bytes.length < KEY_BYTES + IV_BYTES + TAG_BYTES) {
    throw new Error('The sealed secret store or the server key has an unexpected length');
  }
  const clientKey = bytes.subarray(0, KEY_BYTES);
  const key = Buffer.from(clientKey.map((byte, index) => byte ^ (serverKey[index] ?? 0)));
  const iv = bytes.subarray(KEY_BYTES, KEY_BYTES + IV_BYTES);
  const body = bytes.subarray(KEY_BYTES + IV_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  const store: unknown = JSON.parse(plain);
  if (typeof store !== 'object' || store === null) {
    throw new Error('The unsealed secret store is not an object');
  }
  return Object.fromEntries(Object.entries(store).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The packaged extension's id (publisher.name), under which the workbench files its secrets. */
export const plexExtensionId = ((): string => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
})();

/** An extension's secret (what it passed to `context.secrets.store(key, ...)`), if stored. */
export function extensionSecret(store: Record<string, string>, key: string, extensionId = plexExtensionId): string | undefined {
  for (const [name, value] of Object.entries(store)) {
    try {
      const parsed = JSON.parse(name) as { extensionId?: unknown; key?: unknown };
      if (typeof parsed.extensionId === 'string' && parsed.extensionId.toLowerCase() === extensionId.toLowerCase() && parsed.key === key) {
        return value;
      }
    } catch {
      // Not an extension's secret.
    }
  }
  return undefined;
}
