/**
 * A component exporting wasi:messaging/incoming-handler, run with `--subscribe PUBSUB:TOPIC`: each
 * message published on that topic of a redis-server pub/sub — by another component's producer
 * `send`, and by a gRPC PublishEvent to `wasmctl sidecar` on the same redis — calls its handler,
 * which keeps it in the state store, read back here with redis-cli.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { RuntimeClient } from '../../runtime-bridge/client/index.js';
import { componentizeJs } from '../support/component.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { REPO } from '../support/repo.js';
import { wasmctlIn } from '../support/wasmctl.js';

const GUEST = join(REPO, 'test/modules/runtime-guest');
let work: string;
let store: string;
let redis: RedisServer;
let config: string;
let handler: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-component-msg-'));
  store = join(work, 'store');
  redis = await startRedis();
  const onRedis = { type: 'redis', metadata: { redisHost: redis.host } };
  config = join(work, 'layotto.json');
  await writeFile(
    config,
    JSON.stringify({
      state: { state_demo: onRedis },
      sequencer: { state_demo: onRedis },
      pub_subs: { pub_subs_demo: onRedis },
      config_store: { config_demo: { type: 'in-memory' } },
    }),
  );
  handler = await componentizeJs(GUEST, 'handler', join(work, 'handler.component.wasm'), 'handler.js');
});

after(async () => {
  await redis?.stop();
  await rm(work, { recursive: true, force: true });
});

async function redisValue(key: string): Promise<string> {
  for (let tries = 0; tries < 100; tries++) {
    const value = await redis.cli('hget', key, 'data');
    if (value !== '') return value;
    await sleep(100);
  }
  return assert.fail(`${key} never reached redis`);
}

test('messages sent by a component and by gRPC PublishEvent call the subscribed handler, until Ctrl-C', async () => {
  const subscribed = execa(
    join(REPO, 'bin/wasmctl'),
    ['--root', store, 'run', '--sidecar-config', config, '--subscribe', 'pub_subs_demo:orders', handler],
    {
      reject: false,
    },
  );
  let stderr = '';
  subscribed.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await publishBoth(() => stderr);
  } finally {
    subscribed.kill('SIGINT');
  }
  const ended = await subscribed;
  assert.notEqual(ended.exitCode, 0, 'a stopped subscription is not a success');
  assert.doesNotMatch(stderr, /trap/);
});

async function publishBoth(stderr: () => string): Promise<void> {
  const started = AbortSignal.timeout(60_000);
  while (!stderr().includes('delivering pub_subs_demo/orders')) await sleep(100, undefined, { signal: started });

  const producer = await componentizeJs(GUEST, 'app', join(work, 'runtime.component.wasm'));
  const sent = await wasmctlIn(store, ['run', '--sidecar-config', config, producer]);
  assert.equal(sent.exitCode, 0, sent.stderr);
  assert.equal(await redisValue('msg:order 1'), 'orders text/plain');

  const sidecar = execa(join(REPO, 'bin/wasmctl'), ['sidecar', '--listen', '127.0.0.1:0', '--config', config], { reject: false });
  try {
    const [line] = (await once(sidecar.stdout!, 'data')) as [Buffer];
    const client = new RuntimeClient(/listening on (\S+)/.exec(line.toString())?.[1] ?? assert.fail(line.toString()));
    const publish = (text: string) =>
      client.publish('pub_subs_demo', 'orders', new TextEncoder().encode(text), { contentType: 'text/csv' });
    // Refused by the handler's error case: left unacknowledged, and the next message still reaches the handler.
    await publish('refuse');
    await publish('from grpc');
    client.close();
    assert.equal(await redisValue('msg:from grpc'), 'orders text/csv');
  } finally {
    sidecar.kill('SIGTERM');
    await sidecar;
  }
}

test('a handler without --subscribe, and --subscribe with an external --sidecar, fail naming the fix', async () => {
  const bare = await wasmctlIn(store, ['run', handler]);
  assert.equal(bare.exitCode, 125);
  assert.match(bare.stderr, /--subscribe PUBSUB:TOPIC/);
  const external = await wasmctlIn(store, ['run', '--sidecar', '127.0.0.1:1', '--subscribe', 'pub_subs_demo:orders', handler]);
  assert.equal(external.exitCode, 125);
  assert.match(external.stderr, /--subscribe takes messages from the embedded sidecar/);
  const malformed = await wasmctlIn(store, ['run', '--subscribe', 'orders', handler]);
  assert.equal(malformed.exitCode, 125);
  assert.match(malformed.stderr, /--subscribe orders: expected PUBSUB:TOPIC/);
});
