/**
 * Instances grow with load and shrink when idle: the seed's demo (function 1 → InvokeService →
 * function 2 → redis-server) started with default flags (one instance each) grows under 16
 * concurrent clients, as /metrics' instances gauge shows, stays within --max-instances, and is
 * back to one instance each once idle.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { sample } from '../serve/metrics-sample.js';
import { startRedis } from '../support/redis.js';
import { REPO } from '../support/repo.js';
import { startServe } from '../support/serve.js';

const SAMPLES = join(REPO, 'samples/faas');
const ANSWER = 'There are 100 inventories for book1.';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('the demo under load grows from one instance per function to --max-instances, and shrinks back when idle', async () => {
  const [redis, work] = await Promise.all([
    startRedis(),
    mkdtemp(join(tmpdir(), 'wasmctl-serve-scaling-')),
    execa('bash', [join(SAMPLES, 'build.sh'), '--modules-only']),
  ]);
  await redis.cli('set', 'book1', '100');
  const config = join(work, 'layotto.json');
  await writeFile(config, (await readFile(join(SAMPLES, 'layotto.json'), 'utf8')).replace('localhost:6379', redis.host));
  const { serve, gateway, admin } = await startServe(
    [
      '--sidecar-config',
      config,
      '--max-instances',
      '3',
      join(SAMPLES, 'build/c/function_1.wasm'),
      join(SAMPLES, 'build/c/function_2.wasm'),
    ],
    { root: join(work, 'store') },
  );
  try {
    const instances = async (id: string) => {
      const text = await (await fetch(`http://${admin}/metrics`)).text();
      return (
        sample(text, 'wasmctl_serve_instances', { function: id, state: 'busy' }) +
        sample(text, 'wasmctl_serve_instances', { function: id, state: 'idle' })
      );
    };
    assert.deepEqual([await instances('id_1'), await instances('id_2')], [1, 1]);

    let loading = true;
    const client = async () => {
      while (loading) {
        const response = await fetch(`http://${gateway}/?name=book1`, { headers: { id: 'id_1' } });
        assert.deepEqual([response.status, await response.text()], [200, ANSWER]);
      }
    };
    const clients = Array.from({ length: 16 }, client);
    const seen = { id_1: 1, id_2: 1 };
    for (const until = Date.now() + 3000; Date.now() < until; await sleep(100)) {
      seen.id_1 = Math.max(seen.id_1, await instances('id_1'));
      seen.id_2 = Math.max(seen.id_2, await instances('id_2'));
    }
    loading = false;
    await Promise.all(clients);
    assert.deepEqual(seen, { id_1: 3, id_2: 3 }, 'under load each function grows to --max-instances');

    let idle = [0, 0];
    for (const until = Date.now() + 8000; Date.now() < until; await sleep(250)) {
      idle = [await instances('id_1'), await instances('id_2')];
      if (idle[0] === 1 && idle[1] === 1) break;
    }
    assert.deepEqual(idle, [1, 1], 'idle, each function is back to its one instance');
    const response = await fetch(`http://${gateway}/?name=book1`, { headers: { id: 'id_1' } });
    assert.equal(await response.text(), ANSWER);
  } finally {
    serve.kill('SIGTERM');
    await serve;
    await redis.stop();
    await rm(work, { recursive: true, force: true });
  }
});
