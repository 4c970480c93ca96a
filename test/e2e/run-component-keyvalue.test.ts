/**
 * The runtime API as WASI interfaces (issue 15): JavaScript guests built by componentize-js keep
 * book stock in the `state_demo` bucket, which is the Layotto state store of that name — the
 * embedded sidecar's Redis store, then `wasmctl sidecar`'s — on a real redis-server, checked with
 * redis-cli; counters, batches, configuration and published messages likewise.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type ResultPromise, execa } from 'execa';
import { RuntimeClient } from '../../runtime-bridge/client/index.js';
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

describe('through `wasmctl sidecar` on redis-server: atomics, batch, config and messaging', () => {
  let sidecar: ResultPromise;
  let address: string;

  before(async () => {
    const redisComponent = { type: 'redis', metadata: { redisHost: redis.host } };
    const layotto = join(work, 'sidecar.json');
    await writeFile(
      layotto,
      JSON.stringify({
        state: { state_demo: redisComponent },
        sequencer: { state_demo: redisComponent },
        pub_subs: { pub_subs_demo: redisComponent },
        config_store: { config_demo: { type: 'in-memory' } },
      }),
    );
    sidecar = execa(join(REPO, 'bin/wasmctl'), ['sidecar', '--listen', '127.0.0.1:0', '--config', layotto], { reject: false });
    const [line] = (await once(sidecar.stdout!, 'data')) as [Buffer];
    address = /listening on (\S+)/.exec(line.toString())?.[1] ?? assert.fail(line.toString());
    const client = new RuntimeClient(address);
    const item = { group: '', label: '', tags: {} };
    await client.saveConfiguration('config_demo', '', [
      { ...item, key: 'greeting', content: 'hello from config' },
      { ...item, key: 'colour', content: 'blue' },
    ]);
    await client.saveConfiguration('config_demo', 'other-app', [{ ...item, key: 'secret', content: 'not ours' }]);
    client.close();
  });

  after(async () => {
    sidecar?.kill('SIGTERM');
    await sidecar;
  });

  test('0.2.0-draft: increment is the sequencer (INCR in redis), batches are the state store, config (get, get-all of the app) and send reach their components', async () => {
    const guest = await componentizeJs(join(REPO, 'test/modules/runtime-guest'), 'app', join(work, 'runtime.component.wasm'));
    await redis.cli('set', 'book3', 'to be removed');
    const r = await wasmctlIn(join(work, 'store'), ['run', '--sidecar', address, guest]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(
      r.stdout,
      'orders 1 3 4; book1=7 book2=8 none; book2 none\n' +
        'greeting hello from config, missing none\n' +
        'all colour=blue, greeting=hello from config\n' +
        'increment by 0 refused: other\n',
    );
    assert.equal(await redis.cli('get', 'sequencer|||orders'), '4');
    assert.equal(await redis.cli('hget', 'book1', 'data'), '7');
    assert.equal(await redis.cli('exists', 'book2'), '0');
    assert.equal(await redis.cli('exists', 'book3'), '0');
    assert.match(await redis.cli('xrange', 'orders', '-', '+'), /order 1/);
  });

  test('0.2.0-draft2: s64 counts, get-many pairs for every key, compare-and-swap refused as an error', async () => {
    const guest = await componentizeJs(join(REPO, 'test/modules/kv-draft2-guest'), 'app', join(work, 'kv-draft2.component.wasm'));
    const r = await wasmctlIn(join(work, 'store'), ['run', '--sidecar', address, guest]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout, 'count 1; d2-book1=5 d2-book9=none; cas other\n');
    assert.equal(await redis.cli('get', 'sequencer|||d2-visits'), '1');
    assert.equal(await redis.cli('hget', 'd2-book1', 'data'), '5');
  });
});
