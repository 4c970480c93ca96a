/**
 * The redis components against a real redis-server started here, driven through our http2 client
 * and checked with redis-cli.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeClient } from '../../../runtime-bridge/client/index.js';
import { parseSidecarConfig, startSidecar, type Sidecar } from '../../../runtime-bridge/sidecar/index.js';
import { freePort } from '../../support/registry.js';
import { startRedis, type RedisServer } from '../../support/redis.js';

let redis: RedisServer;
let sidecar: Sidecar;
let client: RuntimeClient;
const warnings: string[] = [];

before(async () => {
  redis = await startRedis();
  const redisComponent = { type: 'redis', metadata: { redisHost: redis.host, redisPassword: '' } };
  // Layotto's whole config.json shape, as its quickstart writes it.
  const config = parseSidecarConfig({
    servers: [
      {
        default_log_path: 'stdout',
        listeners: [
          {
            name: 'grpc',
            address: '127.0.0.1:34904',
            filter_chains: [
              {
                filters: [
                  {
                    type: 'grpc',
                    config: {
                      server_name: 'runtime',
                      grpc_config: {
                        hellos: { quick_start_demo: { type: 'helloworld', hello: 'greetings' } },
                        state: { state_demo: redisComponent },
                        pub_subs: { pub_subs_demo: redisComponent },
                        sequencer: { sequencer_demo: redisComponent },
                        lock: { lock_demo: redisComponent },
                        config_store: { config_demo: { type: 'etcd', address: ['127.0.0.1:2379'] } },
                      },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  sidecar = await startSidecar({ listen: '127.0.0.1:0', config, warn: (m) => warnings.push(m) });
  client = new RuntimeClient(sidecar.address);
});

after(async () => {
  client?.close();
  await sidecar?.close();
  await redis?.stop();
});

test('a component type wasmctl does not implement is skipped with a warning naming it', () => {
  assert.deepEqual(warnings, ['skipping configuration store "config_demo": type "etcd" is not supported (supported: in-memory)']);
  assert.deepEqual(sidecar.components.describe().config_store, []);
});

test("a value set with `redis-cli set book1 100` reads back as 100, as in Layotto's demo", async () => {
  await redis.cli('set', 'book1', '100');
  const found = await client.getState('state_demo', 'book1');
  assert.equal(found?.value.toString(), '100');
  assert.equal(found?.etag, '', 'a plain string carries no version');
  assert.equal(await client.getState('state_demo', 'book404'), null);
});

test('saved state lands in redis as a versioned hash; etags guard writes', async () => {
  await client.saveState('state_demo', 'book2', Buffer.from('7'));
  assert.equal(await redis.cli('hget', 'book2', 'data'), '7');
  const first = await client.getState('state_demo', 'book2');
  assert.deepEqual([first?.value.toString(), first?.etag], ['7', '1']);

  await assert.rejects(client.saveState('state_demo', 'book2', Buffer.from('8'), { etag: '5' }), {
    kind: 'Aborted',
    message: /failed saving state in state store state_demo: possible etag mismatch\. error from state store: failed to set key book2/,
  });
  await client.saveState('state_demo', 'book2', Buffer.from('8'), { etag: '1' });
  assert.deepEqual(await redis.cli('hmget', 'book2', 'data', 'version'), '8\n2');

  // A plain string is replaced by a hash when written through the API.
  await client.saveState('state_demo', 'book1', Buffer.from('101'));
  assert.equal(await redis.cli('type', 'book1'), 'hash');
  await client.deleteState('state_demo', 'book1');
  assert.equal(await redis.cli('exists', 'book1'), '0');
});

test('a transaction on redis writes all keys or, on an etag mismatch, none', async () => {
  await client.transact('state_demo', [
    { op: 'upsert', key: 't1', value: Buffer.from('a') },
    { op: 'upsert', key: 't2', value: Buffer.from('b') },
  ]);
  await assert.rejects(
    client.transact('state_demo', [
      { op: 'delete', key: 't1' },
      { op: 'upsert', key: 't2', value: Buffer.from('c'), etag: '9' },
    ]),
    { kind: 'Aborted' },
  );
  assert.equal(await redis.cli('hget', 't1', 'data'), 'a');
  assert.equal(await redis.cli('hget', 't2', 'data'), 'b');
  const bulk = await client.getBulkState('state_demo', ['t1', 't2', 'none']);
  assert.deepEqual(
    bulk.map((i) => [i.key, i.value?.toString() ?? null]),
    [
      ['t1', 'a'],
      ['t2', 'b'],
      ['none', null],
    ],
  );
});

test('the redis sequencer counts with INCR, the redis lock is a key with a TTL', async () => {
  assert.equal(await client.nextId('sequencer_demo', 'orders'), 1n);
  assert.equal(await client.nextId('sequencer_demo', 'orders'), 2n);
  assert.equal(await redis.cli('get', 'sequencer|||orders'), '2');

  assert.equal(await client.tryLock('lock_demo', 'order-7', 'alice', 30), true);
  assert.equal(await client.tryLock('lock_demo', 'order-7', 'bob', 30), false);
  assert.equal(await redis.cli('get', 'order-7'), 'alice');
  assert.ok(Number(await redis.cli('ttl', 'order-7')) > 0);
  assert.equal(await client.unlock('lock_demo', 'order-7', 'bob'), 'lock-belong-to-others');
  assert.equal(await client.lockKeepAlive('lock_demo', 'order-7', 'alice', 60), 'success');
  assert.ok(Number(await redis.cli('ttl', 'order-7')) > 30);
  assert.equal(await client.unlock('lock_demo', 'order-7', 'alice'), 'success');
  assert.equal(await client.unlock('lock_demo', 'order-7', 'alice'), 'lock-unexist');
});

// Pub/sub on redis (streams, consumer groups, CloudEvents): sidecar-pubsub-redis.test.ts.

test('a redis that is down gives UNAVAILABLE naming it, not a hang', async () => {
  const port = await freePort();
  const down = await startSidecar({
    listen: '127.0.0.1:0',
    config: { state: { state_demo: { type: 'redis', metadata: { redisHost: `localhost:${port}` } } } },
  });
  const downClient = new RuntimeClient(down.address, { deadlineMs: 10_000 });
  try {
    const started = Date.now();
    await assert.rejects(downClient.getState('state_demo', 'book1'), {
      kind: 'Unavailable',
      message: new RegExp(`GetState: redis localhost:${port}`),
    });
    assert.ok(Date.now() - started < 8000, 'fails before the client deadline');
  } finally {
    downClient.close();
    await down.close();
  }
});
