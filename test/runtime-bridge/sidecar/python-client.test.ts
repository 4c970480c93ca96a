/**
 * The sidecar driven by a client generated from our .proto by another gRPC stack: Debian's
 * python3-grpcio with stubs from grpc_tools.protoc. Every served RPC, error codes included.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSidecar, type Sidecar } from '../../../runtime-bridge/sidecar/index.js';
import { b64, startPythonClient, text, type Call, type PythonClient } from '../../support/python-client.js';
import { freePort } from '../../support/registry.js';

let py: PythonClient;
let sidecar: Sidecar;
let app: Server;

before(async () => {
  py = await startPythonClient();
  // The invoke target: answers with what it received, as a FaaS gateway's function would.
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => {
        res.end(`${req.method} ${req.url} id=${req.headers.id} body=${Buffer.concat(chunks).toString()}`);
      });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  sidecar = await startSidecar({
    listen: '127.0.0.1:0',
    invokeEndpoint: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
  });
});

after(async () => {
  await sidecar?.close();
  await new Promise((resolve) => app?.close(resolve));
  await py?.stop();
});

const python = (calls: Call[]) => py.run(sidecar.address, calls);

test('SayHello answers from the helloworld component; an unknown one is INVALID_ARGUMENT', async () => {
  const [ok, unknown] = await python([
    { rpc: 'SayHello', request: { service_name: 'helloworld', name: 'wasm' } },
    { rpc: 'SayHello', request: { service_name: 'nosuch' } },
  ]);
  assert.deepEqual(ok, { code: 'OK', response: { hello: 'greetings, wasm' } });
  assert.equal(unknown?.code, 'INVALID_ARGUMENT');
  assert.match(unknown?.details ?? '', /hello service "nosuch" is not configured/);
});

// State (etags, error codes, bulk and transactions) on both stores: sidecar-state-etags.test.ts.

test('GetNextId counts up per key; an unknown sequencer is INVALID_ARGUMENT', async () => {
  const r = await python([
    { rpc: 'GetNextId', request: { store_name: 'sequencer_demo', key: 'orders' } },
    { rpc: 'GetNextId', request: { store_name: 'sequencer_demo', key: 'orders' } },
    { rpc: 'GetNextId', request: { store_name: 'sequencer_demo', key: 'users' } },
    { rpc: 'GetNextId', request: { store_name: 'nosuch', key: 'orders' } },
  ]);
  assert.deepEqual(
    r.slice(0, 3).map((x) => x.response?.next_id),
    ['1', '2', '1'],
  );
  assert.equal(r[3]?.code, 'INVALID_ARGUMENT');
});

test('locks: one owner at a time, unlock and keep-alive statuses, bad expiry', async () => {
  const lock = (rpc: string, owner: string, expire?: number): Call => ({
    rpc,
    request: { store_name: 'lock_demo', resource_id: 'order-1', lock_owner: owner, ...(expire ? { expire } : {}) },
  });
  const r = await python([
    lock('TryLock', 'alice', 10),
    lock('TryLock', 'bob', 10),
    lock('Unlock', 'bob'),
    lock('LockKeepAlive', 'alice', 20),
    lock('LockKeepAlive', 'bob', 20),
    lock('Unlock', 'alice'),
    lock('Unlock', 'alice'),
    lock('TryLock', 'bob', 0),
  ]);
  // proto3 JSON omits defaults: success=false and status=SUCCESS read as {}.
  assert.deepEqual(
    r.slice(0, 7).map((x) => x.response),
    [{ success: true }, {}, { status: 'LOCK_BELONG_TO_OTHERS' }, {}, { status: 'LOCK_BELONG_TO_OTHERS' }, {}, { status: 'LOCK_UNEXIST' }],
  );
  assert.equal(r[7]?.code, 'INVALID_ARGUMENT');
  assert.match(r[7]?.details ?? '', /expire must be a positive number of seconds/);
});

test('configuration: save, get by key, delete', async () => {
  const r = await python([
    {
      rpc: 'SaveConfiguration',
      request: {
        store_name: 'config_demo',
        app_id: 'app1',
        items: [
          { key: 'color', content: 'blue', group: 'ui', tags: { env: 'test' } },
          { key: 'size', content: 'L', group: 'ui' },
        ],
      },
    },
    { rpc: 'GetConfiguration', request: { store_name: 'config_demo', app_id: 'app1', group: 'ui', keys: ['color'] } },
    { rpc: 'DeleteConfiguration', request: { store_name: 'config_demo', app_id: 'app1', keys: ['color'] } },
    { rpc: 'GetConfiguration', request: { store_name: 'config_demo', app_id: 'app1' } },
    { rpc: 'GetConfiguration', request: { store_name: 'nosuch', app_id: 'app1' } },
  ]);
  assert.deepEqual(
    r.map((x) => x.code),
    ['OK', 'OK', 'OK', 'OK', 'INVALID_ARGUMENT'],
  );
  assert.deepEqual(r[1]?.response.items, [{ key: 'color', content: 'blue', group: 'ui', tags: { env: 'test' } }]);
  assert.deepEqual(
    r[3]?.response.items.map((i: { key: string }) => i.key),
    ['size'],
  );
});

test('InvokeService forwards over HTTP with header id and the method as path; a dead endpoint is UNAVAILABLE', async () => {
  const down = await startSidecar({ listen: '127.0.0.1:0', invokeEndpoint: `http://127.0.0.1:${await freePort()}` });
  try {
    const [ok, unavailable] = await python([
      { rpc: 'InvokeService', request: { id: 'id_2', method: 'inventory', data: b64('book1') } },
      { rpc: 'InvokeService', request: { id: 'id_2', method: 'inventory', data: b64('book1') }, address: down.address },
    ]);
    assert.equal(text(ok?.response.data), 'POST /inventory id=id_2 body=book1');
    assert.equal(unavailable?.code, 'UNAVAILABLE');
    assert.match(unavailable?.details ?? '', /invoke id_2: http:\/\/127\.0\.0\.1:\d+ is unreachable: ECONNREFUSED/);
  } finally {
    await down.close();
  }
});

test('PublishEvent reaches a SubscribeTopicEvents stream; an unknown pub/sub is INVALID_ARGUMENT', async () => {
  const [sub, publishUnknown, subUnknown] = await python([
    {
      rpc: 'SubscribeTopicEvents',
      request: { pubsub_name: 'pub_subs_demo', topic: 'orders' },
      publish: { pubsub_name: 'pub_subs_demo', topic: 'orders', data: b64('order 1'), data_content_type: 'text/plain' },
    },
    { rpc: 'PublishEvent', request: { pubsub_name: 'nosuch', topic: 'orders', data: b64('x') } },
    { rpc: 'SubscribeTopicEvents', request: { pubsub_name: 'nosuch', topic: 'orders' }, publish: {} },
  ]);
  assert.equal(sub?.code, 'OK', sub?.details);
  assert.deepEqual(sub?.response[0], { initial_response: {} });
  const event = sub?.response[1].event_message;
  assert.equal(text(event.data), 'order 1');
  assert.equal(event.topic, 'orders');
  assert.equal(event.pubsub_name, 'pub_subs_demo');
  assert.equal(event.data_content_type, 'text/plain');
  assert.ok(event.id, 'each event has an id to acknowledge');
  assert.equal(publishUnknown?.code, 'INVALID_ARGUMENT');
  assert.equal(subUnknown?.code, 'INVALID_ARGUMENT');
  assert.match(subUnknown?.details ?? '', /pub\/sub "nosuch" is not configured/);
});

test('the RPCs wasmctl does not serve answer UNIMPLEMENTED, naming the method', async () => {
  const r = await python([
    { rpc: 'GetSecret', request: { store_name: 's', key: 'k' } },
    { rpc: 'InvokeBinding', request: { name: 'b' } },
    { rpc: 'ListFile', request: {} },
    { rpc: 'GetFile', request: { store_name: 'f', name: 'x' } },
    { rpc: 'PutFile', request: { store_name: 'f', name: 'x' } },
    { rpc: 'SubscribeConfiguration', request: { store_name: 'config_demo' } },
  ]);
  for (const [i, name] of ['GetSecret', 'InvokeBinding', 'ListFile', 'GetFile', 'PutFile', 'SubscribeConfiguration'].entries()) {
    assert.equal(r[i]?.code, 'UNIMPLEMENTED', name);
    assert.match(r[i]?.details ?? '', new RegExp(name));
  }
});
