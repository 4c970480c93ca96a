/**
 * The sidecar driven by a client generated from our .proto by another gRPC stack: Debian's
 * python3-grpcio with stubs from grpc_tools.protoc. Every served RPC, error codes included.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { RUNTIME_PROTO_DIR } from '../../src/runtime-bridge/client/index.js';
import { startSidecar, type Sidecar } from '../../src/runtime-bridge/sidecar/index.js';
import { freePort } from '../support/registry.js';

const PYTHON = '/usr/bin/python3';

/** Reads [{rpc, request, address?}] on stdin, prints [{code, details?, response?}] as JSON. */
const DRIVER = String.raw`
import base64, json, os, queue, sys
sys.path.insert(0, sys.argv[1])
import grpc
from google.protobuf import json_format
import runtime_pb2, runtime_pb2_grpc

service = runtime_pb2.DESCRIPTOR.services_by_name['Runtime']
stubs = {}
channels = []
def stub(address):
    if address not in stubs:
        channels.append(grpc.insecure_channel(address))
        stubs[address] = runtime_pb2_grpc.RuntimeStub(channels[-1])
    return stubs[address]
def to_dict(message):
    return json_format.MessageToDict(message, preserving_proto_field_name=True)
def request_of(rpc, body):
    if rpc == 'InvokeService':
        # Any with no type_url has no JSON form: build it by hand, data as base64.
        message = runtime_pb2.CommonInvokeRequest(method=body['method'])
        message.data.value = base64.b64decode(body['data'])
        return runtime_pb2.InvokeServiceRequest(id=body['id'], message=message)
    cls = getattr(runtime_pb2, service.methods_by_name[rpc].input_type.name)
    return json_format.ParseDict(body, cls())

def run(call, default_address):
    rpc, body = call['rpc'], call.get('request', {})
    runtime = stub(call.get('address', default_address))
    if rpc == 'SubscribeTopicEvents':
        requests = queue.Queue()
        requests.put(runtime_pb2.SubscribeTopicEventsRequest(initial_request=json_format.ParseDict(body, runtime_pb2.SubscribeTopicEventsRequestInitial())))
        stream = runtime.SubscribeTopicEvents(iter(requests.get, None), timeout=10)
        answers = [to_dict(next(stream))]
        runtime.PublishEvent(json_format.ParseDict(call['publish'], runtime_pb2.PublishEventRequest()), timeout=10)
        answers.append(to_dict(next(stream)))
        requests.put(None)
        return answers
    request = request_of(rpc, body)
    if rpc == 'PutFile':
        return to_dict(runtime.PutFile(iter([request]), timeout=10))
    if rpc in ('GetFile', 'SubscribeConfiguration'):
        return [to_dict(m) for m in getattr(runtime, rpc)(iter([request]) if rpc == 'SubscribeConfiguration' else request, timeout=10)]
    response = getattr(runtime, rpc)(request, timeout=10)
    if rpc == 'InvokeService':
        return {'data': base64.b64encode(response.data.value).decode(), 'content_type': response.content_type}
    return to_dict(response)

results = []
for call in json.load(sys.stdin):
    try:
        results.append({'code': 'OK', 'response': run(call, sys.argv[2])})
    except grpc.RpcError as e:
        results.append({'code': e.code().name, 'details': e.details()})
print(json.dumps(results))
sys.stdout.flush()
for channel in channels:
    channel.close()
# grpcio's threads can hang the interpreter's shutdown after streaming calls: leave at once.
os._exit(0)
`;

interface Result {
  code: string;
  details?: string;
  // Python's MessageToDict output: shapes vary per RPC, each test reads the fields it checks.
  response?: any;
}
interface Call {
  rpc: string;
  request?: object;
  address?: string;
  publish?: object;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const text = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString();

let dir: string;
let sidecar: Sidecar;
let app: Server;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wasmctl-pyclient-'));
  await execa(PYTHON, ['-m', 'grpc_tools.protoc', `-I${RUNTIME_PROTO_DIR}`, `--python_out=${dir}`, `--grpc_python_out=${dir}`, 'runtime.proto', 'appcallback.proto']);
  await writeFile(join(dir, 'driver.py'), DRIVER);
  // The invoke target: answers with what it received, as a FaaS gateway's function would.
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
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
  await rm(dir, { recursive: true, force: true });
});

async function python(calls: Call[]): Promise<Result[]> {
  const { stdout } = await execa(PYTHON, [join(dir, 'driver.py'), dir, sidecar.address], { input: JSON.stringify(calls), timeout: 60_000 });
  return JSON.parse(stdout) as Result[];
}

test('SayHello answers from the helloworld component; an unknown one is INVALID_ARGUMENT', async () => {
  const [ok, unknown] = await python([
    { rpc: 'SayHello', request: { service_name: 'helloworld', name: 'wasm' } },
    { rpc: 'SayHello', request: { service_name: 'nosuch' } },
  ]);
  assert.deepEqual(ok, { code: 'OK', response: { hello: 'greetings, wasm' } });
  assert.equal(unknown?.code, 'INVALID_ARGUMENT');
  assert.match(unknown?.details ?? '', /hello service "nosuch" is not configured/);
});

test('state: save, get with etag, first-write and etag checks, bulk get, delete', async () => {
  const store = 'state_demo';
  const r = await python([
    { rpc: 'SaveState', request: { store_name: store, states: [{ key: 'book1', value: b64('100') }] } },
    { rpc: 'GetState', request: { store_name: store, key: 'book1' } },
    { rpc: 'SaveState', request: { store_name: store, states: [{ key: 'book1', value: b64('99'), etag: { value: '999' } }] } },
    { rpc: 'SaveState', request: { store_name: store, states: [{ key: 'book1', value: b64('99'), options: { concurrency: 'CONCURRENCY_FIRST_WRITE' } }] } },
    { rpc: 'SaveState', request: { store_name: store, states: [{ key: 'book1', value: b64('98'), etag: { value: '1' } }] } },
    { rpc: 'GetBulkState', request: { store_name: store, keys: ['book1', 'missing'] } },
    { rpc: 'DeleteState', request: { store_name: store, key: 'book1', etag: { value: '1' } } },
    { rpc: 'DeleteState', request: { store_name: store, key: 'book1', etag: { value: '2' } } },
    { rpc: 'GetState', request: { store_name: store, key: 'book1' } },
    { rpc: 'GetState', request: { store_name: 'nosuch', key: 'book1' } },
    { rpc: 'GetState', request: { store_name: store, key: '' } },
  ]);
  assert.deepEqual(r.map((x) => x.code), [
    'OK', 'OK', 'FAILED_PRECONDITION', 'FAILED_PRECONDITION', 'OK', 'OK', 'FAILED_PRECONDITION', 'OK', 'OK', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT',
  ]);
  assert.equal(text(r[1]?.response.data), '100');
  assert.equal(r[1]?.response.etag, '1');
  assert.match(r[2]?.details ?? '', /etag mismatch for key "book1"/);
  assert.deepEqual(r[5]?.response.items, [{ key: 'book1', data: b64('98'), etag: '2' }, { key: 'missing' }]);
  assert.deepEqual(r[8]?.response, {}, 'a deleted key reads as an empty answer, as in Layotto');
  assert.match(r[9]?.details ?? '', /state store "nosuch" is not configured \(configured: state_demo\)/);
  assert.match(r[10]?.details ?? '', /key is required/);
});

test('state transactions apply all operations or none; DeleteBulkState removes every key', async () => {
  const store = 'state_demo';
  const upsert = (key: string, value: string, etag?: string) => ({
    operationType: 'upsert',
    request: { key, value: b64(value), ...(etag ? { etag: { value: etag } } : {}) },
  });
  const r = await python([
    { rpc: 'ExecuteStateTransaction', request: { storeName: store, operations: [upsert('a', 'A'), upsert('b', 'B')] } },
    { rpc: 'ExecuteStateTransaction', request: { storeName: store, operations: [upsert('c', 'C'), upsert('a', 'A2', '42')] } },
    { rpc: 'ExecuteStateTransaction', request: { storeName: store, operations: [{ operationType: 'merge', request: { key: 'a' } }] } },
    { rpc: 'GetBulkState', request: { store_name: store, keys: ['a', 'b', 'c'] } },
    { rpc: 'DeleteBulkState', request: { store_name: store, states: [{ key: 'a' }, { key: 'b' }] } },
    { rpc: 'GetBulkState', request: { store_name: store, keys: ['a', 'b'] } },
  ]);
  assert.deepEqual(r.map((x) => x.code), ['OK', 'FAILED_PRECONDITION', 'INVALID_ARGUMENT', 'OK', 'OK', 'OK']);
  assert.deepEqual(
    r[3]?.response.items.map((i: { key: string; data?: string }) => [i.key, text(i.data)]),
    [['a', 'A'], ['b', 'B'], ['c', '']],
    'the failed transaction wrote nothing, not even its first operation',
  );
  assert.match(r[2]?.details ?? '', /operationType must be "upsert" or "delete", got "merge"/);
  assert.deepEqual(r[5]?.response.items, [{ key: 'a' }, { key: 'b' }]);
});

test('GetNextId counts up per key; an unknown sequencer is INVALID_ARGUMENT', async () => {
  const r = await python([
    { rpc: 'GetNextId', request: { store_name: 'sequencer_demo', key: 'orders' } },
    { rpc: 'GetNextId', request: { store_name: 'sequencer_demo', key: 'orders' } },
    { rpc: 'GetNextId', request: { store_name: 'sequencer_demo', key: 'users' } },
    { rpc: 'GetNextId', request: { store_name: 'nosuch', key: 'orders' } },
  ]);
  assert.deepEqual(r.slice(0, 3).map((x) => x.response?.next_id), ['1', '2', '1']);
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
  assert.deepEqual(r.slice(0, 7).map((x) => x.response), [
    { success: true },
    {},
    { status: 'LOCK_BELONG_TO_OTHERS' },
    {},
    { status: 'LOCK_BELONG_TO_OTHERS' },
    {},
    { status: 'LOCK_UNEXIST' },
  ]);
  assert.equal(r[7]?.code, 'INVALID_ARGUMENT');
  assert.match(r[7]?.details ?? '', /expire must be a positive number of seconds/);
});

test('configuration: save, get by key, delete', async () => {
  const r = await python([
    {
      rpc: 'SaveConfiguration',
      request: { store_name: 'config_demo', app_id: 'app1', items: [{ key: 'color', content: 'blue', group: 'ui', tags: { env: 'test' } }, { key: 'size', content: 'L', group: 'ui' }] },
    },
    { rpc: 'GetConfiguration', request: { store_name: 'config_demo', app_id: 'app1', group: 'ui', keys: ['color'] } },
    { rpc: 'DeleteConfiguration', request: { store_name: 'config_demo', app_id: 'app1', keys: ['color'] } },
    { rpc: 'GetConfiguration', request: { store_name: 'config_demo', app_id: 'app1' } },
    { rpc: 'GetConfiguration', request: { store_name: 'nosuch', app_id: 'app1' } },
  ]);
  assert.deepEqual(r.map((x) => x.code), ['OK', 'OK', 'OK', 'OK', 'INVALID_ARGUMENT']);
  assert.deepEqual(r[1]?.response.items, [{ key: 'color', content: 'blue', group: 'ui', tags: { env: 'test' } }]);
  assert.deepEqual(r[3]?.response.items.map((i: { key: string }) => i.key), ['size']);
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
