/**
 * Layotto's runtime host functions from Wasm through `wasmctl run`: served by the embedded sidecar,
 * by `wasmctl sidecar` backed by a real redis-server, and failing cleanly when the sidecar is down.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type ResultPromise, execa } from 'execa';
import { REPO } from '../support/repo.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { freePort } from '../support/registry.js';
import { buildModules, modulePath } from '../modules/harness.js';

const WASMCTL = join(REPO, 'bin/wasmctl.js');
let work: string;

const run = (args: string[]) =>
  execa('node', [WASMCTL, '--root', join(work, 'store'), 'run', ...args], { reject: false, stdin: 'ignore', timeout: 60_000 });

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-bridge-'));
  await buildModules();
});
after(() => rm(work, { recursive: true, force: true }));

describe('the embedded sidecar (no --sidecar)', () => {
  test('every host function answers with Layotto statuses, results through the guest malloc', async () => {
    const r = await run([
      modulePath('abi-calls'),
      'get:state_demo:k1',
      'save:state_demo:k1:v1',
      'get:state_demo:k1',
      'del:state_demo:k1',
      'get:state_demo:k1',
      'pub:pub_subs_demo:orders:hi',
      'next:sequencer_demo:seq',
      'next:sequencer_demo:seq',
      'lock:lock_demo:res:alice:10',
      'lock:lock_demo:res:bob:10',
      'unlock:lock_demo:res:bob',
      'unlock:lock_demo:res:alice',
      'badptr',
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n'), [
      'get 1',
      'save 0',
      'get 0 v1',
      'del 0',
      'get 1',
      'pub 0',
      'next 0 1',
      'next 0 2',
      'lock 0',
      'lock 8',
      'unlock 8',
      'unlock 0',
      'badptr 6',
    ]);
  });

  test('an unknown store is status 2 for the module and one line naming it for the user', async () => {
    const r = await run([modulePath('abi-calls'), 'get:no_such_store:k']);
    assert.equal(r.stdout, 'get 2');
    assert.match(r.stderr, /^wasmctl: host call GetState failed: .*no_such_store/);
  });

  test('an AssemblyScript module calls the same functions', async () => {
    const r = await run([modulePath('abi-calls-as')]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout, 'get 1\nsave 0\nget 0 from-as\nnext 0 1\nnext 0 2');
  });
});

describe('wasmctl sidecar backed by redis-server', () => {
  let redis: RedisServer;
  let sidecar: ResultPromise;
  let address: string;

  before(async () => {
    redis = await startRedis();
    const config = join(work, 'layotto.json');
    const component = { type: 'redis', metadata: { redisHost: redis.host } };
    await writeFile(
      config,
      JSON.stringify({ state: { state_demo: component }, sequencer: { sequencer_demo: component }, lock: { lock_demo: component } }),
    );
    sidecar = execa('node', [WASMCTL, 'sidecar', '--listen', '127.0.0.1:0', '--config', config], { reject: false });
    const [line] = (await once(sidecar.stdout!, 'data')) as [Buffer];
    address = /listening on (\S+)/.exec(line.toString())?.[1] ?? assert.fail(line.toString());
  });
  after(async () => {
    sidecar?.kill('SIGTERM');
    await sidecar;
    await redis?.stop();
  });

  test('a value set with redis-cli reads back in Wasm; writes land in redis', async () => {
    await redis.cli('set', 'book1', '100');
    const r = await run([
      '--sidecar',
      address,
      modulePath('abi-calls'),
      'get:state_demo:book1',
      'save:state_demo:k2:hello',
      'next:sequencer_demo:orders',
      'lock:lock_demo:job:w1:30',
    ]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout, 'get 0 100\nsave 0\nnext 0 1\nlock 0');
    assert.equal(await redis.cli('hget', 'k2', 'data'), 'hello');
    assert.ok(Number(await redis.cli('ttl', 'job')) > 0, 'the lock is a redis key with a TTL');
    const again = await run(['--sidecar', address, modulePath('abi-calls'), 'lock:lock_demo:job:w2:30', 'del:state_demo:k2']);
    assert.equal(again.stdout, 'lock 8\ndel 0');
    assert.equal(await redis.cli('exists', 'k2'), '0');
  });
});

test('a sidecar that is down: the module gets InternalFailure quickly, the user a clear line', async () => {
  const port = await freePort();
  const started = Date.now();
  const r = await run(['--sidecar', `127.0.0.1:${port}`, modulePath('abi-calls'), 'get:state_demo:k1']);
  assert.equal(r.stdout, 'get 10');
  assert.match(r.stderr, new RegExp(`^wasmctl: host call GetState failed: .*127\\.0\\.0\\.1:${port}`));
  assert.ok(Date.now() - started < 10_000, 'no hang');
});

test('a sidecar config that cannot be read: InternalFailure for the module, one line, its exit code kept', async () => {
  const r = await run(['--sidecar-config', join(work, 'missing.json'), modulePath('abi-calls'), 'get:state_demo:k1']);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'get 10');
  assert.equal(
    r.stderr,
    `wasmctl: runtime host calls unavailable: cannot read sidecar config ${join(work, 'missing.json')}: it does not exist`,
  );
});
