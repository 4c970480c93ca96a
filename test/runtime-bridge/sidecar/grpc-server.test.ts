/**
 * The sidecar's node:http2 gRPC server seen by @grpc/grpc-js, the reference client: statuses and
 * percent-encoded messages, UNIMPLEMENTED, deadlines, the 4 MiB receive limit, per-connection and
 * total subscription caps, and GOAWAY at shutdown. (test/runtime-bridge/sidecar/python-client.test.ts
 * proves the same server against grpcio.)
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { RUNTIME_METHODS, v1 } from '../../../runtime-bridge/client/index.js';
import { startSidecar, type Sidecar } from '../../../runtime-bridge/sidecar/index.js';
import { grpcJsService } from '../../support/grpc-js.js';

type Callback = (err: grpc.ServiceError | null, res: any) => void;
interface RuntimeStub extends grpc.Client {
  [method: string]: any;
}
const RuntimeJs = grpc.makeGenericClientConstructor(grpcJsService(RUNTIME_METHODS), 'Runtime');
/** Its own connection: grpc-js otherwise shares one among clients of the same address. */
const connect = (address: string) =>
  new RuntimeJs(address, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 }) as unknown as RuntimeStub;

function unary(client: RuntimeStub, method: string, request: object, options: grpc.CallOptions = {}): Promise<any> {
  return new Promise((resolve, reject) => client[method](request, options, ((err, res) => (err ? reject(err) : resolve(res))) as Callback));
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => assert.fail('the call succeeded'),
    (err: grpc.ServiceError) => ({ code: err.code, details: err.details }),
  );

let sidecar: Sidecar;
let client: RuntimeStub;
let hanging: Server;

before(async () => {
  // An invoke endpoint that never answers: InvokeService then outlives any deadline.
  hanging = createServer(() => {});
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  sidecar = await startSidecar({ listen: '127.0.0.1:0', invokeEndpoint: endpoint, subscriptionLimits: { perClient: 2, total: 3 } });
  client = connect(sidecar.address);
});

after(async () => {
  client?.close();
  await sidecar?.close();
  hanging?.closeAllConnections();
  hanging?.close();
});

test('grpc-js: answers, statuses and non-ASCII messages as grpc-js would send them', async () => {
  await unary(client, 'SaveState', { storeName: 'state_demo', states: [{ key: 'k', value: Buffer.from('v') }] });
  const got = await unary(client, 'GetState', { storeName: 'state_demo', key: 'k' });
  assert.deepEqual([Buffer.from(got.data).toString(), got.etag], ['v', '1']);
  const stale = await failure(
    unary(client, 'SaveState', { storeName: 'state_demo', states: [{ key: 'k', value: Buffer.from('w'), etag: { value: '7' } }] }),
  );
  assert.equal(stale.code, grpc.status.ABORTED);
  assert.match(stale.details, /^failed saving state in state store state_demo: /);
  const unknown = await failure(unary(client, 'GetState', { storeName: 'naïve 100%\nstore', key: 'k' }));
  assert.equal(unknown.code, grpc.status.INVALID_ARGUMENT);
  assert.match(unknown.details, /state store "naïve 100%\nstore" is not configured/, 'percent-encoded on the wire, decoded by grpc-js');
  const next = await unary(client, 'GetNextId', { storeName: 'sequencer_demo', key: 'seq' });
  assert.equal(String(next.nextId), '1');
});

test('grpc-js: a method the sidecar does not serve is UNIMPLEMENTED, naming it', async () => {
  const { code, details } = await failure(unary(client, 'GetSecret', { storeName: 's', key: 'k' }));
  assert.equal(code, grpc.status.UNIMPLEMENTED);
  assert.match(details, /spec\.proto\.runtime\.v1\.Runtime\/GetSecret/);
});

test('the server keeps the grpc-timeout deadline: DEADLINE_EXCEEDED from the server itself', async () => {
  // A raw HTTP/2 call with no client-side timer: only the server can end it.
  const session = http2.connect(`http://${sidecar.address}`);
  try {
    const request = v1.InvokeServiceRequest.encode({ id: 'fn', message: { method: 'slow' } }).finish();
    const framed = Buffer.concat([Buffer.from([0, 0, 0, 0, request.length]), request]);
    const stream = session.request({
      ':method': 'POST',
      ':path': RUNTIME_METHODS.InvokeService.path,
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-timeout': '300m',
    });
    const started = Date.now();
    const headers = await new Promise<http2.IncomingHttpHeaders>((resolve) => stream.on('response', resolve));
    stream.end(framed);
    assert.equal(headers['grpc-status'], '4');
    assert.equal(headers['grpc-message'], 'Deadline exceeded');
    assert.ok(Date.now() - started < 3000, 'answered at the deadline, not at the endpoint timeout');
  } finally {
    session.destroy();
  }
  const { code } = await failure(unary(client, 'InvokeService', { id: 'fn', message: { method: 'slow' } }, { deadline: Date.now() + 300 }));
  assert.equal(code, grpc.status.DEADLINE_EXCEEDED);
});

test('grpc-js: a request over 4 MiB is RESOURCE_EXHAUSTED, and the connection still serves', async () => {
  const big = Buffer.alloc(4 * 1024 * 1024 + 1, 'x');
  const { code, details } = await failure(unary(client, 'SaveState', { storeName: 'state_demo', states: [{ key: 'big', value: big }] }));
  assert.equal(code, grpc.status.RESOURCE_EXHAUSTED);
  assert.match(details, /Received message larger than max \(\d+ vs\. 4194304\)/);
  assert.equal((await unary(client, 'SayHello', { serviceName: 'helloworld', name: 'x' })).hello, 'greetings, x');
});

/** One raw HTTP/2 request: the answer's :status and grpc-status (from headers or trailers). */
async function raw(
  headers: http2.OutgoingHttpHeaders,
  body: Buffer,
): Promise<{ status: number; grpcStatus: string | undefined; message: string | undefined }> {
  const session = http2.connect(`http://${sidecar.address}`);
  try {
    const stream = session.request({ ':method': 'POST', 'content-type': 'application/grpc', te: 'trailers', ...headers });
    // node ends a GET's stream itself.
    if (headers[':method'] !== 'GET') stream.end(body);
    stream.resume();
    return await new Promise((resolve, reject) => {
      let answer: { status: number; grpcStatus: string | undefined; message: string | undefined };
      stream.on(
        'response',
        (h) =>
          (answer = {
            status: Number(h[':status']),
            grpcStatus: h['grpc-status'] as string | undefined,
            message: h['grpc-message'] as string | undefined,
          }),
      );
      stream.on('trailers', (t) => Object.assign(answer, { grpcStatus: t['grpc-status'], message: t['grpc-message'] }));
      stream.on('close', () => resolve(answer));
      stream.on('error', reject);
    });
  } finally {
    session.destroy();
  }
}

test('hostile requests get a status, not a crash: not POST, not gRPC, not protobuf, compressed without grpc-encoding', async () => {
  const path = RUNTIME_METHODS.GetState.path;
  const framed = (flag: number, body: Buffer) => Buffer.concat([Buffer.from([flag, 0, 0, 0, body.length]), body]);
  assert.equal((await raw({ ':method': 'GET', ':path': path }, Buffer.alloc(0))).status, 405);
  assert.equal((await raw({ ':path': path, 'content-type': 'text/plain' }, Buffer.from('x'))).status, 415);
  const garbage = await raw({ ':path': path }, framed(0, Buffer.from([0x0a, 0xff, 0xff, 0xff])));
  assert.deepEqual([garbage.status, garbage.grpcStatus], [200, '13']);
  assert.match(garbage.message ?? '', /^Error deserializing request/);
  const compressed = await raw({ ':path': path }, framed(1, Buffer.from('x')));
  assert.equal(compressed.grpcStatus, '13');
  const empty = await raw({ ':path': path }, Buffer.alloc(0));
  assert.equal(empty.grpcStatus, '12');
  assert.equal((await unary(client, 'SayHello', { serviceName: 'helloworld', name: 'still' })).hello, 'greetings, still');
});

/** Opens a SubscribeTopicEvents stream; resolves 'subscribed' at its initial response, else the error's code. */
function subscribe(
  stub: RuntimeStub,
  topic: string,
): { call: grpc.ClientDuplexStream<object, any>; outcome: Promise<'subscribed' | number> } {
  const call = stub.SubscribeTopicEvents() as grpc.ClientDuplexStream<object, any>;
  const outcome = new Promise<'subscribed' | number>((resolve) => {
    call.on('data', (message) => message.initialResponse && resolve('subscribed'));
    call.on('error', (err: grpc.ServiceError) => resolve(err.code));
  });
  call.write({ initialRequest: { pubsubName: 'pub_subs_demo', topic } });
  return { call, outcome };
}

test('subscriptions are capped per connection and in all: one more is RESOURCE_EXHAUSTED, a closed one frees its place', async () => {
  const other = connect(sidecar.address);
  const third = connect(sidecar.address);
  try {
    const a = subscribe(client, 'a');
    const b = subscribe(client, 'b');
    assert.deepEqual(await Promise.all([a.outcome, b.outcome]), ['subscribed', 'subscribed']);
    const c = subscribe(client, 'c');
    assert.equal(await c.outcome, grpc.status.RESOURCE_EXHAUSTED, 'a third stream on one connection (limit 2)');
    const d = subscribe(other, 'd');
    assert.equal(await d.outcome, 'subscribed', 'another connection has its own count');
    const e = subscribe(third, 'e');
    assert.equal(await e.outcome, grpc.status.RESOURCE_EXHAUSTED, 'a fourth in all (limit 3)');
    a.call.cancel();
    await new Promise((r) => setTimeout(r, 200));
    const f = subscribe(third, 'f');
    assert.equal(await f.outcome, 'subscribed', 'the cancelled stream gave its place back');
    for (const s of [b, d, f]) s.call.cancel();
  } finally {
    other.close();
    third.close();
  }
});

test('shutdown sends GOAWAY: an open subscription ends, close() returns within its grace, new calls are UNAVAILABLE', async () => {
  const own = await startSidecar({ listen: '127.0.0.1:0' });
  const stub = connect(own.address);
  try {
    const open = subscribe(stub, 'held');
    assert.equal(await open.outcome, 'subscribed');
    const ended = new Promise((resolve) => open.call.on('error', resolve).on('end', resolve));
    const started = Date.now();
    await own.close();
    assert.ok(Date.now() - started < 4000, `close took ${Date.now() - started}ms`);
    await ended;
    const { code } = await failure(unary(stub, 'SayHello', { serviceName: 'helloworld', name: 'x' }, { deadline: Date.now() + 2000 }));
    assert.ok([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED].includes(code), `got ${code}`);
  } finally {
    stub.close();
  }
});
