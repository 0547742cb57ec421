// The workbench's browser storage as text, for the secret hygiene audit.
import type { Page } from 'playwright-core';

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
