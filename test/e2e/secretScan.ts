// Finds secrets in what a session left behind: files on disk, the browser's storage, captured
// console output. A hit names where, never the secret itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface SecretHit {
  where: string;
  /** Which secret (its index in the list searched for), never its value. */
  secretIndex: number;
}

/** Every file below `root`, as UTF-8 and as UTF-16 (Chromium and SQLite store either). */
export function scanDirectory(root: string, secrets: readonly string[]): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const file of listFiles(root)) {
    const bytes = readFileSync(file);
    secrets.forEach((secret, secretIndex) => {
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) {
        hits.push({ where: file, secretIndex });
      }
    });
  }
  return hits;
}

export function scanText(where: string, text: string, secrets: readonly string[]): SecretHit[] {
  return secrets.flatMap((secret, secretIndex) => (text.includes(secret) ? [{ where, secretIndex }] : []));
}

/** The workbench's browser storage: localStorage and every IndexedDB database, as text. */
export async function dumpBrowserStorage(page: Page): Promise<Record<string, string>> {
  // Runs in the page; tsconfig has no DOM lib (the extension must not use it), hence the loose types.
  return page.evaluate(async () => {
    type Store = { getAll(): { onsuccess: (() => void) | null; result: unknown[] } };
    type Database = {
      objectStoreNames: ArrayLike<string>;
      transaction(names: string[]): { objectStore(name: string): Store };
      close(): void;
    };
    type Window = {
      localStorage: { length: number; key(index: number): string | null; getItem(key: string): string | null };
      indexedDB: {
        databases(): Promise<{ name?: string }[]>;
        open(name: string): { onsuccess: (() => void) | null; onerror: (() => void) | null; result: Database };
      };
    };
    const page = globalThis as unknown as Window;
    const asText = (value: unknown): string =>
      JSON.stringify(value, (_key, inner: unknown) =>
        inner instanceof Uint8Array ? new TextDecoder().decode(inner) : inner,
      ) ?? '';
    const dump: Record<string, string> = {};
    for (let index = 0; index < page.localStorage.length; index++) {
      const key = page.localStorage.key(index);
      if (key !== null) {
        dump[`localStorage:${key}`] = page.localStorage.getItem(key) ?? '';
      }
    }
    for (const { name } of await page.indexedDB.databases()) {
      if (!name) {
        continue;
      }
      const database = await new Promise<Database>((resolve, reject) => {
        const request = page.indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(`could not open IndexedDB ${name}`));
      });
      for (const storeName of Array.from(database.objectStoreNames)) {
        const request = database.transaction([storeName]).objectStore(storeName).getAll();
        const rows = await new Promise<unknown[]>((resolve) => {
          request.onsuccess = () => resolve(request.result);
        });
        dump[`indexedDB:${name}/${storeName}`] = asText(rows);
      }
      database.close();
    }
    return dump;
  });
}

function listFiles(root: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      files.push(...listFiles(path));
    } else if (entry.isFile() && statSync(path).size > 0) {
      files.push(path);
    }
  }
  return files;
}
