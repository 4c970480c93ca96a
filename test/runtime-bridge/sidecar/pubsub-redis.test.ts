/**
 * Pub/sub on a real redis-server as Layotto's: Redis Streams with a consumer group per app,
 * at-least-once through app and sidecar restarts, and Layotto's CloudEvent envelope byte for byte
 * (a message XADDed as a Layotto sidecar writes it is delivered; ours reads back in that format).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RuntimeClient } from '../../../runtime-bridge/client/index.js';
import { startSidecar, type Sidecar, type SidecarConfig } from '../../../runtime-bridge/sidecar/index.js';
import { startApp, type Answer, type AppEvent } from '../../support/app-callback.js';
import { startRedis, type RedisServer } from '../../support/redis.js';
import { freePort } from '../../support/registry.js';
import { startSidecarProcess } from '../../support/sidecar-process.js';

let redis: RedisServer;
let dir: string;
/** A sidecar with no app: what publishes, as another service's sidecar would. */
let publisher: Sidecar;
let client: RuntimeClient;

/** Redelivery within 2 s, so that the tests need not wait Layotto's 60 s default. */
const pubsub = (extra: Record<string, string> = {}) => ({
  type: 'redis',
  metadata: { redisHost: redis.host, processingTimeout: '1500', redeliverInterval: '250', ...extra },
});
const appConfig = (appId: string, port: number, metadata?: Record<string, string>): SidecarConfig => ({
  pub_subs: { pubsub: pubsub(metadata) },
  app: { app_id: appId, grpc_callback_host: '127.0.0.1', grpc_callback_port: port },
});
const subscriptions = (topic: string) => [{ pubsubName: 'pubsub', topic }];
const publish = (topic: string, data: string | Buffer, contentType = '') =>
  client.publish('pubsub', topic, Buffer.from(data), { contentType });

before(async () => {
  redis = await startRedis();
  dir = await mkdtemp(join(tmpdir(), 'wasmctl-pubsub-'));
  publisher = await startSidecar({ listen: '127.0.0.1:0', config: { pub_subs: { pubsub: pubsub() } } });
  client = new RuntimeClient(publisher.address);
});

after(async () => {
  client?.close();
  await publisher?.close();
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The `data` field of each entry of a stream, as redis-cli prints them (id, field, value lines). */
async function streamData(topic: string): Promise<Array<Record<string, unknown>>> {
  const lines = (await redis.cli('xrange', topic, '-', '+')).split('\n');
  const found: Array<Record<string, unknown>> = [];
  for (let i = 0; i + 2 < lines.length; i += 3) {
    assert.equal(lines[i + 1], 'data', 'one field per entry, named data');
    found.push(JSON.parse(lines[i + 2] ?? '') as Record<string, unknown>);
  }
  return found;
}

/** How many messages the group has delivered and not had acknowledged. */
const pending = async (topic: string, group: string) => Number((await redis.cli('xpending', topic, group)).split('\n')[0]);

/** Waits (a loaded machine is slow) until the group has nothing pending. */
async function allAcknowledged(topic: string, group: string): Promise<void> {
  for (let until = Date.now() + 5000; (await pending(topic, group)) > 0 && Date.now() < until;) await sleep(50);
  assert.equal(await pending(topic, group), 0, `${topic}: every message acknowledged in group ${group}`);
}

async function withApp<T>(
  appId: string,
  topic: string,
  answer: (e: AppEvent, n: number) => Answer,
  run: (events: AppEvent[]) => Promise<T>,
): Promise<T> {
  const app = await startApp({ subscriptions: subscriptions(topic), answer });
  const sidecar = await startSidecar({ listen: '127.0.0.1:0', config: appConfig(appId, app.port), warn: () => {} });
  try {
    return await run(app.events);
  } finally {
    await sidecar.close();
    app.stop();
  }
}

test('a message published before the app ever came is delivered when it comes, its content type with it', async () => {
  await publish('early', 'before the app', '');
  await publish('early', '{"book":"book1","n":3}', 'application/json');
  const app = await startApp({ subscriptions: subscriptions('early') });
  // Layotto's redelivery defaults (60 s): delivery must not wait for a redelivery.
  const sidecar = await startSidecar({
    listen: '127.0.0.1:0',
    config: appConfig('shop', app.port, { processingTimeout: '60s', redeliverInterval: '15s' }),
  });
  try {
    await app.waitFor(2);
    const got = app.events.map((e) => [e.data.toString(), e.dataContentType, e.source, e.type, e.specVersion, e.topic, e.pubsubName]);
    assert.deepEqual(got, [
      ['before the app', 'text/plain', 'runtime', 'com.runtime.event.sent', '1.0', 'early', 'pubsub'],
      ['{"book":"book1","n":3}', 'application/json', 'runtime', 'com.runtime.event.sent', '1.0', 'early', 'pubsub'],
    ]);
    await allAcknowledged('early', 'shop');
  } finally {
    await sidecar.close();
    app.stop();
  }
});

test('RETRY leaves the message pending and it is delivered again; DROP is acknowledged', async () => {
  await withApp(
    'retrier',
    'retry',
    (e, n) => (n === 1 ? 'RETRY' : e.data.toString() === 'drop me' ? 'DROP' : 'SUCCESS'),
    async (events) => {
      await publish('retry', 'again');
      await publish('retry', 'drop me');
      const until = Date.now() + 10_000;
      while (events.filter((e) => e.data.toString() === 'again').length < 2 && Date.now() < until) await sleep(20);
      const again = events.filter((e) => e.data.toString() === 'again');
      assert.equal(again.length, 2, 'delivered once more after the RETRY');
      assert.equal(again[0]?.id, again[1]?.id, 'the same event, the same id');
      await allAcknowledged('retry', 'retrier');
      assert.equal(events.filter((e) => e.data.toString() === 'drop me').length, 1, 'a dropped event is not delivered again');
    },
  );
});

test('an app that is down when a message comes gets it once it is back', async () => {
  const app = await startApp({ subscriptions: subscriptions('down') });
  const port = app.port;
  const sidecar = await startSidecar({ listen: '127.0.0.1:0', config: appConfig('flaky', port), warn: () => {} });
  try {
    app.stop();
    await publish('down', 'while you were out');
    await sleep(500);
    const back = await startApp({ subscriptions: subscriptions('down'), port });
    try {
      await back.waitFor(1);
      assert.equal(back.events[0]?.data.toString(), 'while you were out');
    } finally {
      back.stop();
    }
  } finally {
    await sidecar.close();
  }
});

test('a sidecar killed mid-delivery loses nothing: the next one delivers the message', async () => {
  let hang = true;
  const app = await startApp({ subscriptions: subscriptions('killed'), answer: () => (hang ? 'HANG' : 'SUCCESS') });
  const config = join(dir, 'killed.json');
  await writeFile(config, JSON.stringify(appConfig('survivor', app.port)));
  try {
    const first = await startSidecarProcess(config);
    await publish('killed', 'in flight');
    await app.waitFor(1);
    await first.kill('SIGKILL');
    assert.equal(await pending('killed', 'survivor'), 1, 'delivered, never acknowledged');
    hang = false;
    const second = await startSidecarProcess(config);
    try {
      await app.waitFor(2);
      assert.equal(app.events[1]?.data.toString(), 'in flight');
      assert.equal(app.events[1]?.id, app.events[0]?.id);
      await allAcknowledged('killed', 'survivor');
    } finally {
      await second.kill();
    }
  } finally {
    app.stop();
  }
});

test('a Redis that comes up after the sidecar: the subscription starts reading once it answers', async () => {
  const port = await freePort();
  const app = await startApp({ subscriptions: subscriptions('late') });
  const warnings: string[] = [];
  const config: SidecarConfig = {
    pub_subs: { pubsub: { type: 'redis', metadata: { redisHost: `localhost:${port}` } } },
    app: { app_id: 'patient', grpc_callback_port: app.port },
  };
  const sidecar = await startSidecar({ listen: '127.0.0.1:0', config, warn: (m) => warnings.push(m) });
  const late = await startRedis(port);
  try {
    assert.match(warnings.join('\n'), new RegExp(`redis pub/sub late \\(group patient\\): redis localhost:${port}`));
    await sidecar.components.publish('pubsub', 'late', Buffer.from('worth the wait'));
    await app.waitFor(1);
    assert.equal(app.events[0]?.data.toString(), 'worth the wait');
  } finally {
    await sidecar.close();
    app.stop();
    await late.stop();
  }
});

test('a message XADDed as a Layotto sidecar writes it is delivered, data and content type unwrapped', async () => {
  const id = randomUUID();
  // Layotto's envelope (pkg/grpc/dapr/dapr_api_pubsub.go over Dapr's NewCloudEventsEnvelope).
  const envelope = {
    id,
    source: 'runtime',
    type: 'com.runtime.event.sent',
    specversion: '1.0',
    datacontenttype: 'application/json',
    topic: 'layotto',
    pubsubname: 'pubsub',
    traceid: '',
    data: { book: 'book1', n: 3 },
  };
  const binary = {
    ...envelope,
    id: randomUUID(),
    datacontenttype: 'application/octet-stream',
    data: undefined,
    data_base64: Buffer.from([0, 1, 254, 255]).toString('base64'),
  };
  await redis.cli('xadd', 'layotto', '*', 'data', JSON.stringify(envelope));
  await redis.cli('xadd', 'layotto', '*', 'data', JSON.stringify(binary));
  await redis.cli('xadd', 'layotto', '*', 'data', 'not an envelope');
  await withApp(
    'reader',
    'layotto',
    () => 'SUCCESS',
    async (events) => {
      const until = Date.now() + 10_000;
      while (events.length < 3 && Date.now() < until) await sleep(20);
      assert.deepEqual(
        events.map((e) => [e.id, e.dataContentType, [...e.data]]),
        [
          [id, 'application/json', [...Buffer.from('{"book":"book1","n":3}')]],
          [binary.id, 'application/octet-stream', [0, 1, 254, 255]],
          [events[2]?.id, 'application/octet-stream', [...Buffer.from('not an envelope')]],
        ],
      );
    },
  );
});

test("a message our sidecar publishes reads back from the stream in Layotto's format", async () => {
  await publish('ours', 'plain text');
  await publish('ours', '{"a":[1,2]}', 'application/json');
  await publish('ours', Buffer.from([0, 255]), 'application/octet-stream');
  await client.publish('pubsub', 'ours', Buffer.from('{"id":"mine","data":"x"}'), { contentType: 'application/cloudevents+json' });
  const [text, json, binary, own] = await streamData('ours');
  const common = {
    source: 'runtime',
    type: 'com.runtime.event.sent',
    specversion: '1.0',
    topic: 'ours',
    pubsubname: 'pubsub',
    traceid: '',
  };
  assert.match(String(text?.id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(text, { ...common, id: text?.id, datacontenttype: 'text/plain', data: 'plain text' });
  assert.deepEqual(json, { ...common, id: json?.id, datacontenttype: 'application/json', data: { a: [1, 2] } });
  assert.deepEqual(binary, { ...common, id: binary?.id, datacontenttype: 'application/octet-stream', data_base64: 'AP8=' });
  assert.deepEqual(own, {
    id: 'mine',
    data: 'x',
    source: 'Dapr',
    type: 'com.dapr.event.sent',
    specversion: '1.0',
    topic: 'ours',
    pubsubname: 'pubsub',
    traceid: '',
  });
});
