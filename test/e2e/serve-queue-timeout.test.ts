/**
 * `serve --queue-timeout`: a request that finds every instance of its function busy, at
 * --max-instances, waits that long, then gets 503 (retry later), not the function's --timeout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModules, modulePath } from '../modules/harness.js';
import { startServe } from '../support/serve.js';

test('a request waiting for a busy instance gets 503 after --queue-timeout', async () => {
  await buildModules();
  const { serve, gateway } = await startServe([
    '--instances',
    '1',
    '--max-instances',
    '1',
    '--timeout',
    '4s',
    '--queue-timeout',
    '300ms',
    `trap=${modulePath('serve-trap')}`,
  ]);
  try {
    const post = (body: string) => fetch(`http://${gateway}/`, { method: 'POST', headers: { id: 'trap' }, body });
    const spinning = post('spin');
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const waited = await post('hello');
    const took = Date.now() - started;
    assert.equal(waited.status, 503, await waited.text());
    assert.ok(took >= 250 && took < 2000, `503 after ${took} ms`);
    assert.equal((await spinning).status, 500);
  } finally {
    serve.kill('SIGTERM');
    await serve;
  }
});
