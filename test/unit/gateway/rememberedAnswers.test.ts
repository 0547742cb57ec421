// Remembered answers (plain-http consent, plex.serverUrl hosts): a Map read from own properties,
// so "constructor" or "__proto__" is an answer only when the user gave one.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { RememberedAnswers } from '../../../src/auth/gateway/rememberedAnswers';

/** globalState as VS Code keeps it: values go through JSON. */
class JsonMemento implements vscode.Memento {
  private readonly values = new Map<string, string>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    const raw = this.values.get(key);
    return raw === undefined ? defaultValue : (JSON.parse(raw) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, JSON.stringify(value));
    }
  }
  raw(key: string): string | undefined {
    return this.values.get(key);
  }
}

suite('Remembered answers', () => {
  test('prototype names are no answer unless given', async () => {
    const memento = new JsonMemento();
    const answers = new RememberedAnswers(memento, 'answers');
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      assert.equal(answers.get(key), undefined, key);
    }
    await answers.set('server-a', true);
    for (const key of ['constructor', '__proto__', 'toString']) {
      assert.equal(answers.get(key), undefined, key);
    }
  });

  test('an answer for "__proto__" is kept as an ordinary answer and changes no other', async () => {
    const memento = new JsonMemento();
    const answers = new RememberedAnswers(memento, 'answers');
    await answers.set('__proto__', false);
    await answers.set('constructor', true);
    assert.equal(answers.get('__proto__'), false);
    assert.equal(answers.get('constructor'), true);
    assert.equal(answers.get('other'), undefined);
    assert.match(memento.raw('answers') ?? '', /"__proto__":false/);
    await answers.forget('__proto__');
    assert.equal(answers.get('__proto__'), undefined);
    assert.equal(answers.get('constructor'), true);
  });

  test('a stored record with a value that is not a boolean, or not an object at all, gives no answer', async () => {
    const memento = new JsonMemento();
    await memento.update('answers', { a: 'yes', b: 1, c: true });
    const answers = new RememberedAnswers(memento, 'answers');
    assert.equal(answers.get('a'), undefined);
    assert.equal(answers.get('b'), undefined);
    assert.equal(answers.get('c'), true);
    await memento.update('answers', 'true');
    assert.equal(answers.get('0'), undefined);
  });

  test('forget() forgets every answer and leaves nothing stored', async () => {
    const memento = new JsonMemento();
    const answers = new RememberedAnswers(memento, 'answers');
    await answers.set('a', true);
    await answers.set('b', false);
    await answers.forget();
    assert.equal(memento.raw('answers'), undefined);
    assert.equal(answers.get('a'), undefined);
  });
});
