/**
 * startRun's inline runs (`wasmctl run`'s): the watchdog Worker boots only when the run needs it, a
 * timeout or no parent to take the signals. Booting one that is dropped unused cost a thread's
 * start on every `wasmctl run` (bench/cli-cold-start.ts).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { before, test } from 'node:test';
import { startRun, type RunOptions } from '../../api/index.js';
import { buildModules, modulePath } from '../modules/harness.js';

before(() => buildModules());

// The engine takes node:worker_threads' Worker at each start: a subclass here counts them, also
// those terminated before they come online (which process's 'worker' event never sees).
const threads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
const { Worker } = threads;
let workers = 0;
threads.Worker = class extends Worker {
  constructor(...args: ConstructorParameters<typeof Worker>) {
    super(...args);
    workers++;
  }
};

/** How many Workers a run of the hello module started, and its exit code. */
async function workersOf(options: RunOptions): Promise<{ workers: number; exitCode: number }> {
  workers = 0;
  const { done } = await startRun(modulePath('hello'), { stdout: 'pipe', ...options });
  return { workers, exitCode: (await done).exitCode };
}

const stopLine = (message: string) => `${message}\n`;

test('a parent that takes the signals and no timeout: no Worker at all', async () => {
  assert.deepEqual(await workersOf({ inline: { stopLine, parentTakesSignals: true } }), { workers: 0, exitCode: 0 });
});

test('a timeout: the watchdog boots', async () => {
  assert.deepEqual(await workersOf({ timeout: '60s', inline: { stopLine, parentTakesSignals: true } }), { workers: 1, exitCode: 0 });
});

test('no parent to take the signals: the watchdog boots', async () => {
  assert.deepEqual(await workersOf({ inline: { stopLine, parentTakesSignals: false } }), { workers: 1, exitCode: 0 });
});
