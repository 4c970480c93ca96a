/**
 * SubscribeTopicEvents as Layotto serves it, on both pub/sub components: events acknowledged per
 * event (RETRY comes again, SUCCESS is done), and backpressure: a subscriber that never reads
 * keeps the sidecar's memory bounded while publishers flood it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { RUNTIME_PROTO_DIR, RUNTIME_SERVICE, RuntimeClient } from '../../src/runtime-bridge/client/index.js';
import { startSidecar, type Sidecar } from '../../src/runtime-bridge/sidecar/index.js';
import { b64, startPythonClient, text, type PythonClient } from '../support/python-client.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startSidecarProcess } from '../support/sidecar-process.js';

let py: PythonClient;
let redis: RedisServer;
let sidecar: Sidecar;
let dir: string;

const components = () => ({
  'in-memory': { type: 'in-memory' },
  redis: { type: 'redis', metadata: { redisHost: redis.host, processingTimeout: '1500', redeliverInterval: '250' } },
});

before(async () => {
  [py, redis, dir] = await Promise.all([startPythonClient(), startRedis(), mkdtemp(join(tmpdir(), 'wasmctl-stream-'))]);
  sidecar = await startSidecar({ listen: '127.0.0.1:0', config: { pub_subs: components(), app: { app_id: 'streamer' } } });
});

after(async () => {
  await sidecar?.close();
  await Promise.all([py?.stop(), redis?.stop(), rm(dir, { recursive: true, force: true })]);
});

for (const pubsub of ['in-memory', 'redis'] as const) {
  test(`${pubsub}: a streamed event answered RETRY comes again, the same event; SUCCESS is the last of it`, async () => {
    const [r] = await py.run(sidecar.address, [
      {
        rpc: 'SubscribeTopicEvents',
        request: { pubsub_name: pubsub, topic: 'orders', metadata: { consumerID: 'py-app' } },
        publish: { pubsub_name: pubsub, topic: 'orders', data: b64('{"order":1}'), data_content_type: 'application/json' },
        acks: ['RETRY', 'SUCCESS'],
      },
    ]);
    assert.equal(r?.code, 'OK', r?.details);
    const [initial, first, again] = r?.response as Array<{ initial_response?: object; event_message?: Record<string, string> }>;
    assert.deepEqual(initial, { initial_response: {} });
    assert.equal(text(first?.event_message?.data), '{"order":1}');
    assert.equal(first?.event_message?.data_content_type, 'application/json', 'the envelope\'s content type reaches the subscriber');
    assert.equal(first?.event_message?.source, 'runtime');
    assert.equal(again?.event_message?.id, first?.event_message?.id);
    if (pubsub === 'redis') {
      const pendingNow = async () => Number((await redis.cli('xpending', 'orders', 'py-app')).split('\n')[0]);
      for (let until = Date.now() + 5000; (await pendingNow()) > 0 && Date.now() < until; ) await sleep(50);
      assert.equal(await pendingNow(), 0, 'the SUCCESS was acknowledged in the consumer group the stream named');
    }
  });
}

/** A SubscribeTopicEvents client that sends its initial request and then never reads. */
function stuckSubscriber(address: string, pubsub: string, topic: string): grpc.ClientDuplexStream<object, object> {
  const definition = protoLoader.loadSync('runtime.proto', { includeDirs: [RUNTIME_PROTO_DIR], keepCase: true });
  const Runtime = grpc.makeGenericClientConstructor(definition[RUNTIME_SERVICE] as grpc.ServiceDefinition, 'Runtime');
  const client = new Runtime(address, grpc.credentials.createInsecure()) as unknown as { SubscribeTopicEvents(): grpc.ClientDuplexStream<object, object> };
  const call = client.SubscribeTopicEvents();
  call.on('error', () => {});
  call.write({ initial_request: { pubsub_name: pubsub, topic } });
  return call;
}

async function flood(client: RuntimeClient, pubsub: string, topic: string, count: number, size: number): Promise<void> {
  const data = Buffer.alloc(size, 'x');
  let next = 0;
  const worker = async () => {
    while (next++ < count) await client.publish(pubsub, topic, data);
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

test('a subscriber that never reads keeps the sidecar\'s memory bounded while over 100 MB are published', async () => {
  const config = join(dir, 'rss.json');
  await writeFile(config, JSON.stringify({ hellos: { helloworld: { type: 'helloworld' } }, pub_subs: components(), app: { app_id: 'rss' } }));
  const child = await startSidecarProcess(config);
  const client = new RuntimeClient(child.address, { deadlineMs: 30_000 });
  const stuck = ['in-memory', 'redis'].map((pubsub) => stuckSubscriber(child.address, pubsub, 'flood'));
  try {
    await flood(client, 'in-memory', 'warmup', 500, 10_240);
    await sleep(500);
    const baseline = await child.rss();
    const started = Date.now();
    await flood(client, 'in-memory', 'flood', 10_000, 10_240);
    await flood(client, 'redis', 'flood', 2_500, 10_240);
    await sleep(1000);
    const grown = (await child.rss()) - baseline;
    const published = 12_500 * 10_240;
    process.stdout.write(
      `# sidecar RSS: baseline ${(baseline / 2 ** 20).toFixed(0)} MB, +${(grown / 2 ** 20).toFixed(1)} MB after ${(published / 2 ** 20).toFixed(0)} MB ` +
        `published to never-reading subscribers in ${Date.now() - started} ms (growth/published = ${(grown / published).toFixed(3)})\n`,
    );
    assert.ok(grown < 64 * 2 ** 20, `the sidecar grew by ${(grown / 2 ** 20).toFixed(0)} MB`);
    assert.equal(await client.sayHello('helloworld', 'still'), 'greetings, still', 'and it still serves');
    assert.match(child.stderr(), /a subscriber of flood is not keeping up; dropping messages for it/);
    assert.ok(Number(await redis.cli('xlen', 'flood')) === 2500, 'the redis backlog stays in redis');
  } finally {
    for (const call of stuck) call.cancel();
    client.close();
    await child.kill();
  }
});
