/**
 * SubscribeTopicEvents as Layotto serves it, on both pub/sub components: events acknowledged per
 * event (RETRY comes again, SUCCESS is done), and backpressure: a subscriber that never reads
 * keeps the sidecar's memory bounded while publishers flood it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http2 from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RuntimeClient } from '../../../runtime-bridge/client/index.js';
import { startSidecar, type Sidecar } from '../../../runtime-bridge/sidecar/index.js';
import { b64, startPythonClient, text, type PythonClient } from '../../support/python-client.js';
import { startRedis, type RedisServer } from '../../support/redis.js';
import { startSidecarProcess } from '../../support/sidecar-process.js';

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
    assert.equal(first?.event_message?.data_content_type, 'application/json', "the envelope's content type reaches the subscriber");
    assert.equal(first?.event_message?.source, 'runtime');
    assert.equal(again?.event_message?.id, first?.event_message?.id);
    if (pubsub === 'redis') {
      const pendingNow = async () => Number((await redis.cli('xpending', 'orders', 'py-app')).split('\n')[0]);
      for (let until = Date.now() + 5000; (await pendingNow()) > 0 && Date.now() < until;) await sleep(50);
      assert.equal(await pendingNow(), 0, 'the SUCCESS was acknowledged in the consumer group the stream named');
    }
  });
}

/**
 * A SubscribeTopicEvents client that sends its initial request and then never reads: a plain
 * HTTP/2 stream, paused, so it never gives the sidecar flow-control window back (grpc-js's own
 * client would read into its buffers regardless).
 */
function stuckSubscriber(address: string, pubsub: string, topic: string): http2.ClientHttp2Session {
  const field = (n: number, bytes: Buffer) => Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
  const request = field(1, Buffer.concat([field(1, Buffer.from(pubsub)), field(2, Buffer.from(topic))]));
  const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, request.length]), request]);
  const session = http2.connect(`http://${address}`);
  session.on('error', () => {});
  const stream = session.request({
    ':method': 'POST',
    ':path': '/spec.proto.runtime.v1.Runtime/SubscribeTopicEvents',
    'content-type': 'application/grpc',
    te: 'trailers',
  });
  stream.on('error', () => {});
  stream.write(frame);
  stream.pause();
  return session;
}

async function flood(client: RuntimeClient, pubsub: string, topic: string, count: number, size: number): Promise<void> {
  const data = Buffer.alloc(size, 'x');
  let next = 0;
  const worker = async () => {
    while (next++ < count) await client.publish(pubsub, topic, data);
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

test("a subscriber that never reads keeps the sidecar's memory bounded while publishers flood it", async () => {
  const config = join(dir, 'rss.json');
  await writeFile(
    config,
    JSON.stringify({ hellos: { helloworld: { type: 'helloworld' } }, pub_subs: components(), app: { app_id: 'rss' } }),
  );
  const child = await startSidecarProcess(config);
  const client = new RuntimeClient(child.address, { deadlineMs: 30_000 });
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const sessions: http2.ClientHttp2Session[] = [];
  try {
    sessions.push(...['in-memory', 'redis'].map((pubsub) => stuckSubscriber(child.address, pubsub, 'flood')));
    await sleep(500);
    // Rounds of equal floods: the heap grows to its working size in the first few, then stays; a
    // sidecar that buffers for the stuck subscribers grows by about all it is sent (1.0 of it).
    const perRound = 5_500 * 10_240;
    const rounds = [await child.rss()];
    for (let i = 0; i < 7; i++) {
      await flood(client, 'in-memory', 'flood', 5_000, 10_240);
      await flood(client, 'redis', 'flood', 500, 10_240);
      await sleep(500);
      rounds.push(await child.rss());
    }
    const sent = 7 * perRound;
    const grown = (rounds.at(-1) ?? 0) - (rounds[0] ?? 0);
    process.stdout.write(
      `# sidecar RSS after each round of ${mb(perRound)} MB sent to never-reading subscribers: ${rounds.map(mb).join(', ')} MB ` +
        `(+${mb(grown)} MB for ${mb(sent)} MB sent: ${(grown / sent).toFixed(2)} of it)\n`,
    );
    assert.ok(grown < 0.6 * sent, `the sidecar grew by ${mb(grown)} MB for ${mb(sent)} MB sent`);
    assert.equal(await client.sayHello('helloworld', 'still'), 'greetings, still', 'and it still serves');
    assert.match(child.stderr(), /a subscriber of flood is not keeping up; dropping messages for it/);
    assert.equal(Number(await redis.cli('xlen', 'flood')), 3500, 'the redis backlog stays in redis, not in the sidecar');
  } finally {
    for (const session of sessions) session.destroy();
    client.close();
    await child.kill();
  }
});
