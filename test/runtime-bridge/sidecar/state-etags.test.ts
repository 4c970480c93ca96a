/**
 * State etags and error codes exactly as a client of Layotto sees them (its redis store's rules),
 * on the in-memory and the redis store alike, driven by the Python grpcio client generated from
 * our .proto. Layotto's SDKs send etag "0" on every save and delete they get no etag for.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSidecar, type Sidecar } from '../../../runtime-bridge/sidecar/index.js';
import { b64, startPythonClient, text, type Call, type PythonClient, type Result } from '../../support/python-client.js';
import { startRedis, type RedisServer } from '../../support/redis.js';

let py: PythonClient;
let redis: RedisServer;
const sidecars: Record<'in-memory' | 'redis', Sidecar> = {} as never;

before(async () => {
  [py, redis] = await Promise.all([startPythonClient(), startRedis()]);
  sidecars['in-memory'] = await startSidecar({ listen: '127.0.0.1:0', config: { state: { state_demo: { type: 'in-memory' } } } });
  sidecars.redis = await startSidecar({
    listen: '127.0.0.1:0',
    config: { state: { state_demo: { type: 'redis', metadata: { redisHost: redis.host } } } },
  });
});

after(async () => {
  await Promise.all(Object.values(sidecars).map((s) => s.close()));
  await Promise.all([py?.stop(), redis?.stop()]);
});

const store = 'state_demo';
const item = (key: string, value: string, etag?: string, concurrency?: string) => ({
  key,
  value: b64(value),
  ...(etag === undefined ? {} : { etag: { value: etag } }),
  ...(concurrency ? { options: { concurrency } } : {}),
});
const save = (key: string, value: string, etag?: string, concurrency?: string): Call => ({
  rpc: 'SaveState',
  request: { store_name: store, states: [item(key, value, etag, concurrency)] },
});
const get = (key: string): Call => ({ rpc: 'GetState', request: { store_name: store, key } });
const del = (key: string, etag?: string): Call => ({
  rpc: 'DeleteState',
  request: { store_name: store, key, ...(etag === undefined ? {} : { etag: { value: etag } }) },
});
const upsert = (key: string, value: string, etag?: string) => ({ operationType: 'upsert', request: item(key, value, etag) });

/** [code, data, etag] per call, or [code, details] for a failure. */
const outcome = (r: Result): unknown[] =>
  r.code === 'OK' ? [r.code, r.response?.data === undefined ? undefined : text(r.response.data), r.response?.etag] : [r.code, r.details];

for (const kind of ['in-memory', 'redis'] as const) {
  test(`${kind}: no etag, "0" or a new key write; a stale etag is ABORTED, a non-numeric one INVALID_ARGUMENT`, async () => {
    const r = await py.run(sidecars[kind].address, [
      save('k1', 'a'),
      get('k1'),
      save('k1', 'b', '0'),
      save('k1', 'c', ''),
      save('k2', 'x', '0'),
      get('k2'),
      save('k1', 'd', '1'),
      save('k1', 'd', '3'),
      get('k1'),
      save('k1', 'e', 'abc'),
      save('k3', 'new', '7'),
      get('k3'),
    ]);
    assert.deepEqual(r.map(outcome), [
      ['OK', undefined, undefined],
      ['OK', 'a', '1'],
      ['OK', undefined, undefined],
      ['OK', undefined, undefined],
      ['OK', undefined, undefined],
      ['OK', 'x', '1'],
      ['ABORTED', 'failed saving state in state store state_demo: possible etag mismatch. error from state store: failed to set key k1'],
      ['OK', undefined, undefined],
      ['OK', 'd', '4'],
      [
        'INVALID_ARGUMENT',
        'failed saving state in state store state_demo: invalid etag value: strconv.Atoi: parsing "abc": invalid syntax',
      ],
      ['OK', undefined, undefined],
      ['OK', 'new', '1'],
    ]);
  });

  test(`${kind}: FIRST_WRITE marks the key, then only its etag writes; delete with "0" or none deletes`, async () => {
    const r = await py.run(sidecars[kind].address, [
      save('f1', 'a', undefined, 'CONCURRENCY_FIRST_WRITE'),
      save('f1', 'b'),
      save('f1', 'b', '0'),
      save('f1', 'b', '0', 'CONCURRENCY_LAST_WRITE'),
      save('f1', 'b', '1'),
      del('f1', '1'),
      del('f1', '0'),
      get('f1'),
      save('f2', 'a'),
      del('f2'),
      get('f2'),
      del('never-written', '42'),
    ]);
    const mismatch = 'failed saving state in state store state_demo: possible etag mismatch. error from state store: failed to set key f1';
    assert.deepEqual(r.map(outcome), [
      ['OK', undefined, undefined],
      ['ABORTED', mismatch],
      ['ABORTED', mismatch],
      ['ABORTED', mismatch],
      ['OK', undefined, undefined],
      ['ABORTED', 'failed deleting state with key f1: possible etag mismatch. error from state store: failed to delete f1'],
      ['OK', undefined, undefined],
      ['OK', undefined, undefined],
      ['OK', undefined, undefined],
      ['OK', undefined, undefined],
      ['OK', undefined, undefined],
      ['OK', undefined, undefined],
    ]);
  });

  test(`${kind}: bulk get, transactions and bulk delete apply the same rules per item, all or none`, async () => {
    const r = await py.run(sidecars[kind].address, [
      save('b1', 'one'),
      save('b2', 'two'),
      save('b2', 'two!', '1'),
      { rpc: 'GetBulkState', request: { store_name: store, keys: ['b1', 'b2', 'missing'] } },
      { rpc: 'ExecuteStateTransaction', request: { storeName: store, operations: [upsert('t1', 'T', '0'), upsert('b2', 'stale', '1')] } },
      { rpc: 'ExecuteStateTransaction', request: { storeName: store, operations: [upsert('t1', 'T', 'x')] } },
      { rpc: 'ExecuteStateTransaction', request: { storeName: store, operations: [upsert('t1', 'T', '0'), upsert('b2', 'fresh', '2')] } },
      { rpc: 'GetBulkState', request: { store_name: store, keys: ['t1', 'b2'] } },
      { rpc: 'DeleteBulkState', request: { store_name: store, states: [item('b1', '', '0'), item('b2', '', '2')] } },
      { rpc: 'DeleteBulkState', request: { store_name: store, states: [item('b1', '', '0'), item('b2', '', '3'), item('t1', '')] } },
      { rpc: 'GetBulkState', request: { store_name: store, keys: ['b1', 'b2', 't1'] } },
    ]);
    assert.deepEqual(
      r.map((x) => x.code),
      ['OK', 'OK', 'OK', 'OK', 'ABORTED', 'INVALID_ARGUMENT', 'OK', 'OK', 'ABORTED', 'OK', 'OK'],
    );
    const items = (x: Result | undefined) =>
      x?.response.items.map((i: { key: string; data?: string; etag?: string }) => [i.key, text(i.data), i.etag]);
    assert.deepEqual(items(r[3]), [
      ['b1', 'one', '1'],
      ['b2', 'two!', '2'],
      ['missing', '', undefined],
    ]);
    assert.equal(
      r[4]?.details,
      'error while executing state transaction: possible etag mismatch. error from state store: failed to set key b2',
    );
    assert.match(r[5]?.details ?? '', /^error while executing state transaction: invalid etag value/);
    assert.deepEqual(
      items(r[7]),
      [
        ['t1', 'T', '1'],
        ['b2', 'fresh', '3'],
      ],
      'the failed transactions wrote nothing',
    );
    assert.equal(r[8]?.details, 'possible etag mismatch. error from state store: failed to delete b2');
    assert.deepEqual(items(r[10]), [
      ['b1', '', undefined],
      ['b2', '', undefined],
      ['t1', '', undefined],
    ]);
  });
}

test('redis: state is the hash Layotto keeps ({data, version, first-write}), readable both ways', async () => {
  const address = sidecars.redis.address;
  await py.run(address, [save('h1', 'v1'), save('h2', 'v2', undefined, 'CONCURRENCY_FIRST_WRITE')]);
  assert.equal(await redis.cli('hgetall', 'h1'), 'data\nv1\nversion\n1');
  assert.equal(await redis.cli('hgetall', 'h2'), 'data\nv2\nfirst-write\n0\nversion\n1');
  // What a Layotto sidecar wrote: version 7, never first-write.
  await redis.cli('hset', 'h3', 'data', 'from layotto', 'version', '7');
  const r = await py.run(address, [get('h3'), save('h3', 'x', '6'), save('h3', 'ours', '7'), get('h3')]);
  assert.deepEqual(r.map(outcome), [
    ['OK', 'from layotto', '7'],
    ['ABORTED', 'failed saving state in state store state_demo: possible etag mismatch. error from state store: failed to set key h3'],
    ['OK', undefined, undefined],
    ['OK', 'ours', '8'],
  ]);
});
