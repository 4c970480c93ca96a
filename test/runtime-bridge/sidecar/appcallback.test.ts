/** Pub/sub delivery to the app's AppCallback service, as Layotto does it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeClient } from '../../../runtime-bridge/client/index.js';
import { startSidecar } from '../../../runtime-bridge/sidecar/index.js';
import { startApp, type AppEvent } from '../../support/app-callback.js';

test('events published to a topic the app subscribed to reach its OnTopicEvent, RETRY redelivers', async () => {
  // Subscribes to `orders` on pub_subs_demo and asks for one redelivery.
  const app = await startApp({
    subscriptions: [{ pubsubName: 'pub_subs_demo', topic: 'orders' }],
    answer: (_e, n) => (n === 1 ? 'RETRY' : 'SUCCESS'),
  });
  const events: AppEvent[] = app.events;
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
    await app.waitFor(2, 2000);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(events.length, 2, 'the RETRY answered once, then the same event again, and nothing of `other`');
    assert.deepEqual([events[0]?.id, events[0]?.data.toString()], [events[1]?.id, 'order 1']);
    assert.equal(events[1]?.topic, 'orders');
    assert.equal(events[1]?.pubsubName, 'pub_subs_demo');
    // Layotto's CloudEvent envelope, its defaults included, unwrapped for the app.
    assert.deepEqual(
      [events[1]?.source, events[1]?.type, events[1]?.specVersion, events[1]?.dataContentType],
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

test('an app listing more subscriptions than the sidecar allows gets the first ones, and a warning', async () => {
  const subscriptions = Array.from({ length: 5 }, (_, i) => ({ pubsubName: 'pub_subs_demo', topic: `t${i}` }));
  const app = await startApp({ subscriptions });
  const warnings: string[] = [];
  const sidecar = await startSidecar({
    listen: '127.0.0.1:0',
    config: { pub_subs: { pub_subs_demo: { type: 'in-memory' } }, app: { app_id: 'greedy', grpc_callback_port: app.port } },
    subscriptionLimits: { perClient: 64, total: 3 },
    warn: (m) => warnings.push(m),
  });
  const client = new RuntimeClient(sidecar.address);
  try {
    for (const { topic } of subscriptions) await client.publish('pub_subs_demo', topic, Buffer.from(topic));
    await app.waitFor(3, 2000);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(app.events.map((e) => e.topic).sort(), ['t0', 't1', 't2']);
    assert.match(warnings.join('\n'), /asked for 5 subscriptions: serving the first 3 \(the sidecar's limit\)/);
  } finally {
    client.close();
    await sidecar.close();
    app.stop();
  }
});
