// The token upkeep's schedule (src/auth/tokenUse.ts): a look that fails, even by throwing at once,
// never ends the looks that follow.
import * as assert from 'node:assert/strict';
import { scheduleUpkeep } from '../../../src/auth/tokenUse';

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

suite('Token upkeep schedule', () => {
  test('a look that throws synchronously, or rejects, is followed by the next look', async () => {
    let looks = 0;
    const schedule = scheduleUpkeep(
      () => {
        looks++;
        if (looks === 1) {
          throw new Error('the command code could not load');
        }
        return looks === 2 ? Promise.reject(new Error('offline')) : Promise.resolve('pinged');
      },
      1,
      1,
    );
    try {
      await until(() => looks >= 4);
    } finally {
      schedule.dispose();
    }
  });

});
