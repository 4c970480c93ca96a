/**
 * `serve --queue-timeout`: a request that finds every instance of its function busy, at
 * --max-instances, waits that long, then gets 503 (retry later), not the function's --timeout.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { buildModules, modulePath } from '../modules/harness.js';
import { REPO } from '../support/repo.js';

test('a request waiting for a busy instance gets 503 after --queue-timeout', async () => {
  await buildModules();
  const serve = execa(
    join(REPO, 'bin/wasmctl'),
    [
      'serve',
      '--listen',
      '127.0.0.1:0',
      '--admin',
      '127.0.0.1:0',
      '--json',
      '--instances',
      '1',
      '--max-instances',
      '1',
      '--timeout',
      '4s',
      '--queue-timeout',
      '300ms',
      `trap=${modulePath('serve-trap')}`,
    ],
    { reject: false },
  );
  try {
    const [line] = (await once(serve.stdout!, 'data')) as [Buffer];
    const { gateway } = JSON.parse(line.toString()) as { gateway: string };
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
