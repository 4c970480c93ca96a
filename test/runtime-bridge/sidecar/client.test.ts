/** Our http2 gRPC client: same answers as the in-process components, clear errors when the sidecar is down or slow. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { RuntimeClient, type RuntimeApi } from '../../../runtime-bridge/client/index.js';
import { startSidecar, type Sidecar } from '../../../runtime-bridge/sidecar/index.js';
import { freePort } from '../../support/registry.js';

let sidecar: Sidecar;
let client: RuntimeClient;

before(async () => {
  sidecar = await startSidecar({ listen: '127.0.0.1:0' });
  client = new RuntimeClient(sidecar.address);
});

after(async () => {
  client?.close();
  await sidecar?.close();
});

/** One scenario over the whole API; `prefix` keeps the two runs' keys apart. */
async function scenario(api: RuntimeApi, prefix: string): Promise<unknown[]> {
  const k = (name: string) => `${prefix}-${name}`;
  const outcome = (p: Promise<unknown>) =>
    p.then(
      (value) => ({ value }),
      (err: { kind: string }) => ({ error: err.kind }),
    );
  await api.saveState('state_demo', k('a'), Buffer.from('1'));
  await api.transact('state_demo', [{ op: 'upsert', key: k('b'), value: Buffer.from('2') }]);
  return [
    await api.sayHello('helloworld', 'wasm'),
    await api.getState('state_demo', k('a')),
    await api.getState('state_demo', k('none')),
    await outcome(api.saveState('state_demo', k('a'), Buffer.from('x'), { etag: 'stale' })),
    await api.getBulkState('state_demo', [k('a'), k('b')]).then((items) => items.map((i) => ({ ...i, key: i.key.slice(prefix.length) }))),
    await api.deleteState('state_demo', k('b')).then(() => api.getState('state_demo', k('b'))),
    await api.nextId('sequencer_demo', k('seq')),
    await api.tryLock('lock_demo', k('r'), 'me', 5),
    await api.lockKeepAlive('lock_demo', k('r'), 'other', 5),
    await api.unlock('lock_demo', k('r'), 'me'),
    await api.publish('pub_subs_demo', 'topic', Buffer.from('x')),
    await api.saveConfiguration('config_demo', k('app'), [{ key: 'c', content: 'v', group: 'g', label: '', tags: {} }]),
    await api.getConfiguration('config_demo', { appId: k('app') }, []),
    await outcome(api.getState('nosuch', 'k')),
    await outcome(api.tryLock('lock_demo', k('r'), '', 5)),
    await outcome(api.invoke('id_2', 'm', Buffer.from('x'))),
  ];
}

test('the http2 client and the in-process components answer the same, errors included', async () => {
  const remote = await scenario(client, 'remote');
  const local = await scenario(sidecar.components, 'local');
  assert.deepEqual(remote, local);
  assert.deepEqual(remote.slice(0, 2), ['greetings, wasm', { value: Buffer.from('1'), etag: '1' }]);
  assert.deepEqual(remote.slice(-3), [{ error: 'InvalidArgument' }, { error: 'InvalidArgument' }, { error: 'FailedPrecondition' }]);
});

test('a sidecar that is down gives UNAVAILABLE at once, naming the address', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  const down = new RuntimeClient(address, { deadlineMs: 5000 });
  const started = Date.now();
  await assert.rejects(down.getState('state_demo', 'k'), {
    kind: 'Unavailable',
    message: `GetState: runtime sidecar ${address} is unavailable (ECONNREFUSED)`,
  });
  assert.ok(Date.now() - started < 1000);
  down.close();
});

test('a sidecar that does not answer gives DEADLINE_EXCEEDED after the per-call deadline', async () => {
  const silent = http2.createServer();
  silent.on('stream', () => {
    // Accepts the call and never answers.
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const slow = new RuntimeClient(address, { deadlineMs: 300 });
  try {
    const started = Date.now();
    await assert.rejects(slow.nextId('sequencer_demo', 'k'), {
      kind: 'DeadlineExceeded',
      message: `GetNextId: runtime sidecar ${address} did not answer within 300ms`,
    });
    assert.ok(Date.now() - started < 1000);
  } finally {
    slow.close();
    await new Promise((resolve) => silent.close(resolve));
  }
});

test('the client recovers once a sidecar comes back at the same address', async () => {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const again = new RuntimeClient(address, { deadlineMs: 2000 });
  await assert.rejects(again.sayHello('helloworld', ''), { kind: 'Unavailable' });
  const late = await startSidecar({ listen: address });
  try {
    assert.equal(await again.sayHello('helloworld', ''), 'greetings');
  } finally {
    again.close();
    await late.close();
  }
});

test('a malformed address is refused up front', () => {
  assert.throws(() => new RuntimeClient('localhost'), { kind: 'InvalidArgument', message: /host:port/ });
});
