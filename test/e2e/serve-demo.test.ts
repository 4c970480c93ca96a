/**
 * `wasmctl serve` as users run it, on the seed's demo: redis-server holding book1 = 100, Layotto's
 * two demo functions (C and AssemblyScript) as images built by buildah and pulled from a loopback
 * registry, real HTTP requests to the gateway and to the admin API.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execa, type ResultPromise } from 'execa';
import { buildModules, modulePath } from '../modules/harness.js';
import { type Builder, startBuilder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { startServe } from '../support/serve.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { type Registry, startRegistry } from '../support/registry.js';

const SAMPLES = join(REPO, 'samples/faas');

let redis: RedisServer;
let registry: Registry;
let builder: Builder;
let work: string;
let serve: ResultPromise;
let gateway: string;
let admin: string;

/** Layotto's demo image of one sample function, pushed to the loopback registry. */
async function pushSample(n: 1 | 2, lang: 'c' | 'as'): Promise<string> {
  const name = `function${n}${lang === 'as' ? '-as' : ''}:v1`;
  await builder.build(`localhost/${name}`, await readFile(join(SAMPLES, `Dockerfile.function${n}`), 'utf8'), {
    [`function_${n}.wasm`]: await readFile(join(SAMPLES, 'build', lang, `function_${n}.wasm`)),
  });
  await builder.push(`localhost/${name}`, `docker://${registry.host}/${name}`);
  return `${registry.host}/${name}`;
}

const call = (id: string | null, query: string, init: RequestInit = {}) =>
  fetch(`http://${gateway}/${query}`, { ...init, headers: id === null ? {} : { id } });

async function text(id: string | null, query: string, init: RequestInit = {}): Promise<[number, string]> {
  const response = await call(id, query, init);
  return [response.status, await response.text()];
}

const manage = (path: string, body: unknown) => fetch(`http://${admin}/wasm/${path}`, { method: 'POST', body: JSON.stringify(body) });

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-serve-'));
  [redis, registry, builder] = await Promise.all([startRedis(), startRegistry(), startBuilder()]);
  await Promise.all([buildModules(), execa('bash', [join(SAMPLES, 'build.sh'), '--modules-only'])]);
  await redis.cli('set', 'book1', '100');
  const [f1, f2] = [await pushSample(1, 'c'), await pushSample(2, 'c')];
  await pushSample(1, 'as');
  const config = join(work, 'layotto.json');
  const sample = JSON.parse(await readFile(join(SAMPLES, 'layotto.json'), 'utf8')) as unknown;
  await writeFile(config, JSON.stringify(sample).replace('localhost:6379', redis.host));
  const started = await startServe(['--sidecar-config', config, '--timeout', '2s', f1, f2, `serve_trap=${modulePath('serve-trap')}`], {
    root: join(work, 'store'),
  });
  ({ serve, gateway, admin } = started);
  assert.deepEqual(started.functions.map((f) => f.id).sort(), ['id_1', 'id_2', 'serve_trap']);
});

after(async () => {
  serve?.kill('SIGKILL');
  await Promise.all([redis?.stop(), registry?.stop(), builder?.stop()]);
  await rm(work, { recursive: true, force: true });
});

describe('the seed demo through wasmctl serve', () => {
  test("curl -H 'id:id_1' '?name=book1' answers from Redis through function 2", async () => {
    assert.deepEqual(await text('id_1', '?name=book1'), [200, 'There are 100 inventories for book1.']);
  });

  test('a book with no stock, and a POST body instead of the query string', async () => {
    assert.deepEqual(await text('id_1', '?name=book2'), [200, 'There are 0 inventories for book2.']);
    await redis.cli('set', 'book3', '7');
    assert.deepEqual(await text('id_1', '', { method: 'POST', body: 'name=book3' }), [200, 'There are 7 inventories for book3.']);
  });

  test('routing errors: missing id 400, unknown id 404, a body over 16 MiB 400', async () => {
    const [missing, missingText] = await text(null, '?name=book1');
    assert.equal(missing, 400);
    assert.match(missingText, /missing header "id"/);
    const [unknown, unknownText] = await text('id_9', '?name=book1');
    assert.equal(unknown, 404);
    assert.match(unknownText, /no function with id id_9/);
    const [tooBig, tooBigText] = await text('id_1', '', { method: 'POST', body: Buffer.alloc(17 * 1024 * 1024, 97) });
    assert.equal(tooBig, 400);
    assert.match(tooBigText, /request body exceeds 16777216 bytes/);
  });

  test('a trap and a timeout answer 500 and the replaced instance serves the next request', async () => {
    const [trapped, trapText] = await text('serve_trap', '', { method: 'POST', body: 'crash' });
    assert.equal(trapped, 500);
    assert.match(trapText, /wasm trap: unreachable/);
    assert.deepEqual(await text('serve_trap', '?ping'), [200, 'alive']);
    const [spun, spinText] = await text('serve_trap', '', { method: 'POST', body: 'spin' });
    assert.equal(spun, 500);
    assert.match(spinText, /exceeded --timeout 2s/);
    assert.deepEqual(await text('serve_trap', '?ping'), [200, 'alive']);
  });

  test('InvokeService from one instance process to another, concurrent callers served by more of them', async () => {
    assert.deepEqual(await text('id_1', '?name=book1'), [200, 'There are 100 inventories for book1.']);
    assert.equal((await manage('update', { name: 'id_2', instance_num: 2 })).status, 200);
    const answers = await Promise.all(Array.from({ length: 20 }, () => text('id_1', '?name=book1')));
    for (const answer of answers) assert.deepEqual(answer, [200, 'There are 100 inventories for book1.']);
    assert.equal((await manage('update', { name: 'id_2', instance_num: 1 })).status, 200);
  });

  test('a module without WASI imports, marked proxy_abi_version_0_1_0, installed from a .wasm path', async () => {
    const installed = await manage('install', {
      name: 'no_wasi',
      instance_num: 1,
      vm_config: { engine: 'wasmtime', path: modulePath('serve-no-wasi') },
    });
    assert.equal(installed.status, 200);
    assert.equal(await installed.text(), '');
    const response = await call('no_wasi', '');
    assert.equal(response.headers.get('x-fn'), 'no_wasi');
    assert.equal(await response.text(), 'pong');
  });

  test('a missing import fails the install naming it', async () => {
    const refused = await manage('install', { name: 'bad', vm_config: { path: modulePath('unknown-import') } });
    assert.equal(refused.status, 500);
    assert.match(((await refused.json()) as { error: string }).error, /imports env\.foo/);
  });

  test('install, update and uninstall through the admin API while requests flow', async () => {
    let flowing = true;
    const answers: Array<[number, string]> = [];
    const flow = (async () => {
      while (flowing) answers.push(await text('id_1', '?name=book1'));
    })();
    try {
      // AssemblyScript function 1 (an image) and function 2 (a file): the same answers as C's.
      const asImage = `${registry.host}/function1-as:v1`;
      assert.equal((await manage('install', { name: 'as_1', instance_num: 2, image: asImage })).status, 200);
      assert.deepEqual(await text('as_1', '?name=book1'), [200, 'There are 100 inventories for book1.']);
      // Layotto's clients may put the image inside vm_config too.
      assert.equal((await manage('install', { name: 'as_3', vm_config: { image: asImage } })).status, 200);
      assert.deepEqual(await text('as_3', '?name=book1'), [200, 'There are 100 inventories for book1.']);
      assert.equal((await manage('uninstall', { name: 'as_3' })).status, 200);
      const asFile = join(SAMPLES, 'build/as/function_2.wasm');
      assert.equal((await manage('install', { name: 'as_2', vm_config: { path: asFile } })).status, 200);
      assert.deepEqual(await text('as_2', '', { method: 'POST', body: 'book1' }), [200, '100']);

      const again = await manage('install', { name: 'as_1', vm_config: { path: asFile } });
      assert.equal(again.status, 500);
      assert.match(((await again.json()) as { error: string }).error, /already installed/);

      assert.equal((await manage('update', { name: 'id_1', instance_num: 3 })).status, 200);
      const list = (await (await fetch(`http://${admin}/wasm/list`)).json()) as Array<{ id: string; instances: number }>;
      assert.equal(list.find((f) => f.id === 'id_1')?.instances, 3);
      assert.equal(list.find((f) => f.id === 'as_1')?.instances, 2);

      assert.equal((await manage('uninstall', { name: 'as_1' })).status, 200);
      assert.equal((await call('as_1', '?name=book1')).status, 404);
      assert.equal((await manage('uninstall', { name: 'as_1' })).status, 500);
      assert.equal((await manage('update', { name: 'id_1', instance_num: 1 })).status, 200);
    } finally {
      flowing = false;
      await flow;
    }
    assert.ok(answers.length > 10, `only ${answers.length} requests flowed`);
    for (const answer of answers) assert.deepEqual(answer, [200, 'There are 100 inventories for book1.']);
  });

  test('SIGTERM drains and exits 0', async () => {
    const inFlight = text('id_1', '?name=book1');
    serve.kill('SIGTERM');
    assert.deepEqual(await inFlight, [200, 'There are 100 inventories for book1.']);
    const result = await serve;
    const stderr = String(result.stderr);
    assert.equal(result.exitCode, 0, stderr);
    assert.match(stderr, /SIGTERM, draining/);
    assert.match(stderr, /"id":"id_1","status":200/);
    // function1 reaches function2 through InvokeService only, answered in-process: the gateway
    // never saw a request for id_2 (over HTTP it would, and a draining gateway refuses it).
    assert.doesNotMatch(stderr, /"id":"id_2","status"/);
  });
});
