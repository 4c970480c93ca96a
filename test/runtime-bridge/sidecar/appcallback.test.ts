/** Pub/sub delivery to the app's AppCallback service, as Layotto does it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { APP_CALLBACK_SERVICE, RUNTIME_PROTO_DIR, RuntimeClient } from '../../../runtime-bridge/client/index.js';
import { startSidecar } from '../../../runtime-bridge/sidecar/index.js';

interface TopicEvent {
  topic: string;
  pubsub_name: string;
  data: Buffer;
  source: string;
  type: string;
  spec_version: string;
  data_content_type: string;
}

/** A test app: subscribes to `orders` on pub_subs_demo, asks for one redelivery, records events. */
async function startApp(events: TopicEvent[]): Promise<{ port: number; stop(): void }> {
  const definition = protoLoader.loadSync('appcallback.proto', { includeDirs: [RUNTIME_PROTO_DIR], keepCase: true, enums: String });
  const server = new grpc.Server();
  let retried = false;
  server.addService(definition[APP_CALLBACK_SERVICE] as grpc.ServiceDefinition, {
    ListTopicSubscriptions: (_call: unknown, callback: grpc.sendUnaryData<object>) =>
      callback(null, { subscriptions: [{ pubsub_name: 'pub_subs_demo', topic: 'orders' }] }),
    OnTopicEvent: (call: grpc.ServerUnaryCall<TopicEvent, object>, callback: grpc.sendUnaryData<object>) => {
      if (!retried) {
        retried = true;
        callback(null, { status: 'RETRY' });
        return;
      }
      events.push(call.request);
      callback(null, { status: 'SUCCESS' });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { port, stop: () => server.forceShutdown() };
}

test('events published to a topic the app subscribed to reach its OnTopicEvent, RETRY redelivers', async () => {
  const events: TopicEvent[] = [];
  const app = await startApp(events);
  const sidecar = await startSidecar({
    listen: '127.0.0.1:0',
    config: {
      pub_subs: { pub_subs_demo: { type: 'in-memory' } },
      app: { app_id: 'app1', grpc_callback_host: '127.0.0.1', grpc_callback_port: app.port },
    },
  });
  const client = new RuntimeClient(sidecar.address);
  try {
    await client.publish('pub_subs_demo', 'orders', Buffer.from('order 1'));
    await client.publish('pub_subs_demo', 'other', Buffer.from('not subscribed'));
    for (let i = 0; i < 100 && events.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.data.toString(), 'order 1');
    assert.equal(events[0]?.topic, 'orders');
    assert.equal(events[0]?.pubsub_name, 'pub_subs_demo');
    // Layotto's CloudEvent envelope, its defaults included, unwrapped for the app.
    assert.deepEqual(
      [events[0]?.source, events[0]?.type, events[0]?.spec_version, events[0]?.data_content_type],
      ['runtime', 'com.runtime.event.sent', '1.0', 'text/plain'],
    );
  } finally {
    client.close();
    await sidecar.close();
    app.stop();
  }
});

test('an app that is not listening is a warning, and the sidecar still serves', async () => {
  const warnings: string[] = [];
  const sidecar = await startSidecar({
    listen: '127.0.0.1:0',
    config: { hellos: { helloworld: { type: 'helloworld' } }, app: { app_id: 'app1', grpc_callback_port: 1 } },
    warn: (m) => warnings.push(m),
  });
  const client = new RuntimeClient(sidecar.address);
  try {
    assert.match(warnings[0] ?? '', /no pub\/sub delivery to app 127\.0\.0\.1:1/);
    assert.equal(await client.sayHello('', 'x'), 'greetings, x');
  } finally {
    client.close();
    await sidecar.close();
  }
});
