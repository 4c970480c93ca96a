/**
 * wasi:keyvalue over the runtime API (issue 15): a JavaScript guest built by componentize-js keeps
 * book stock in the `state_demo` bucket, which is the Layotto state store of that name — here the
 * embedded sidecar's Redis store on a real redis-server, checked with redis-cli.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { componentizeJs } from '../support/component.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { REPO } from '../support/repo.js';
import { wasmctlIn } from '../support/wasmctl.js';

let work: string;
let redis: RedisServer;
let guest: string;
let config: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-component-kv-'));
  redis = await startRedis();
  config = join(work, 'layotto.json');
  await writeFile(config, JSON.stringify({ state: { state_demo: { type: 'redis', metadata: { redisHost: redis.host } } } }));
  guest = await componentizeJs(join(REPO, 'test/modules/kv-guest'), 'app', join(work, 'kv.component.wasm'));
});

after(async () => {
  await redis?.stop();
  await rm(work, { recursive: true, force: true });
});

test('get/set/exists/delete of a bucket are the state store: values set with redis-cli are read, writes land in redis', async () => {
  await redis.cli('set', 'book1', '100');
  await redis.cli('set', 'book3', 'to be removed');
  const r = await wasmctlIn(join(work, 'store'), ['run', '--sidecar-config', config, guest]);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'book1 100, book2 99, book3 exists true\nbook3 exists false\n');
  assert.equal(await redis.cli('hget', 'book2', 'data'), '99');
  assert.equal(await redis.cli('exists', 'book3'), '0');
});
