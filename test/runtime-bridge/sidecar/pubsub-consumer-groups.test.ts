/**
 * Consumer groups on a real redis-server as Layotto's Redis pub/sub (Dapr's) forms them: one group
 * per `consumerID` (the component's metadata, default the app id), so different apps each get every
 * message and the instances of one app share them, each message going to one of them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { RuntimeClient } from '../../../runtime-bridge/client/index.js';
import { startSidecar, type Sidecar } from '../../../runtime-bridge/sidecar/index.js';
import { startApp, type TestApp } from '../../support/app-callback.js';
import { startRedis, type RedisServer } from '../../support/redis.js';

let redis: RedisServer;
let publisher: Sidecar;
let client: RuntimeClient;

before(async () => {
  redis = await startRedis();
  publisher = await startSidecar({
    listen: '127.0.0.1:0',
    config: { pub_subs: { pubsub: { type: 'redis', metadata: { redisHost: redis.host } } } },
  });
  client = new RuntimeClient(publisher.address);
});

after(async () => {
  client?.close();
  await publisher?.close();
  await redis?.stop();
});

interface Instance {
  app: TestApp;
  sidecar: Sidecar;
}

/** An app instance and its own sidecar, subscribed to `topic`. */
async function instance(
  appId: string,
  topic: string,
  metadata: Record<string, string> = {},
  subscriptionMetadata: Record<string, string> = {},
): Promise<Instance> {
  const app = await startApp({ subscriptions: [{ pubsubName: 'pubsub', topic, metadata: subscriptionMetadata }] });
  const sidecar = await startSidecar({
    listen: '127.0.0.1:0',
    config: {
      pub_subs: { pubsub: { type: 'redis', metadata: { redisHost: redis.host, ...metadata } } },
      app: { app_id: appId, grpc_callback_host: '127.0.0.1', grpc_callback_port: app.port },
    },
    warn: () => {},
  });
  return { app, sidecar };
}

async function stopAll(instances: Instance[]): Promise<void> {
  for (const { app, sidecar } of instances) {
    await sidecar.close();
    app.stop();
  }
}

async function publishAll(topic: string, count: number): Promise<string[]> {
  const sent = Array.from({ length: count }, (_, i) => `${topic}-${i}`);
  for (const data of sent) await client.publish('pubsub', topic, Buffer.from(data));
  return sent.sort();
}

/** What each instance got, once `total` deliveries came (or 10 s passed), and a moment more for strays. */
async function received(instances: Instance[], total: number): Promise<string[][]> {
  for (const until = Date.now() + 10_000; instances.reduce((n, i) => n + i.app.events.length, 0) < total && Date.now() < until;)
    await sleep(20);
  await sleep(300);
  return instances.map((i) => i.app.events.map((e) => e.data.toString()).sort());
}

const groups = async (topic: string) =>
  (await redis.cli('xinfo', 'groups', topic)).split('\n').filter((_, i, lines) => lines[i - 1] === 'name');

test('two apps each get every message: one consumer group per app id', async () => {
  const instances = [await instance('billing', 'orders'), await instance('shipping', 'orders')];
  try {
    const sent = await publishAll('orders', 6);
    assert.deepEqual(await received(instances, 12), [sent, sent]);
    assert.deepEqual((await groups('orders')).sort(), ['billing', 'shipping']);
  } finally {
    await stopAll(instances);
  }
});

test('two instances of one app share its group: each message goes to one of them, none twice', async () => {
  const instances = [await instance('worker', 'jobs'), await instance('worker', 'jobs')];
  try {
    const sent = await publishAll('jobs', 20);
    const [a = [], b = []] = await received(instances, 20);
    assert.deepEqual([...a, ...b].sort(), sent, 'every message once, across both');
    assert.ok(a.length > 0 && b.length > 0, `both instances took some (${a.length} and ${b.length})`);
    assert.deepEqual(await groups('jobs'), ['worker']);
  } finally {
    await stopAll(instances);
  }
});

test("the component's consumerID names the group over the app id; apps that share it share the messages", async () => {
  const instances = [
    await instance('app-x', 'audit', { consumerID: 'auditors' }),
    await instance('app-y', 'audit', { consumerID: 'auditors' }),
  ];
  try {
    const sent = await publishAll('audit', 10);
    const [x = [], y = []] = await received(instances, 10);
    assert.deepEqual([...x, ...y].sort(), sent);
    assert.deepEqual(await groups('audit'), ['auditors']);
  } finally {
    await stopAll(instances);
  }
});

test("a subscription's own consumerID metadata picks its group (wasmctl's extension over the component's)", async () => {
  const instances = [await instance('reporter', 'metrics', { consumerID: 'component-group' }, { consumerID: 'per-subscription' })];
  try {
    const sent = await publishAll('metrics', 3);
    assert.deepEqual(await received(instances, 3), [sent]);
    assert.deepEqual(await groups('metrics'), ['per-subscription']);
  } finally {
    await stopAll(instances);
  }
});
