/**
 * `wasmctl serve` of a wasi:http/proxy component (issue 15) beside a proxy-wasm module: a
 * JavaScript handler built by componentize-js reads the query, a header and the body, and answers
 * with its own status and headers, and answers the seed's book stock through wasi:keyvalue from
 * a real redis-server behind the embedded sidecar; routed by header id and by `--route` path
 * prefix; warm instances replaced after a trap (500) or a timeout (504); installed through the
 * admin API.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type ResultPromise, execa } from 'execa';
import { sample } from '../serve/metrics-sample.js';
import { componentizeJs } from '../support/component.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { REPO } from '../support/repo.js';
import { startServe } from '../support/serve.js';
import { buildModules, modulePath } from '../modules/harness.js';

let work: string;
let guest: string;
let serve: ResultPromise;
let gateway: string;
let admin: string;
let redis: RedisServer;

const call = async (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) => {
  const response = await fetch(`http://${gateway}${path}`, { ...init, headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-serve-component-'));
  await buildModules();
  guest = await componentizeJs(join(REPO, 'test/modules/http-guest'), 'app', join(work, 'handler.component.wasm'));
  redis = await startRedis();
  const config = join(work, 'layotto.json');
  await writeFile(config, JSON.stringify({ state: { state_demo: { type: 'redis', metadata: { redisHost: redis.host } } } }));
  const started = await startServe(
    [
      '--timeout',
      '3s',
      '--instances',
      '2',
      '--sidecar-config',
      config,
      '--route',
      '/api=id_1',
      `id_1=${guest}`,
      `pw=${modulePath('serve-no-wasi')}`,
    ],
    { root: join(work, 'store') },
  );
  ({ serve, gateway, admin } = started);
  assert.deepEqual(started.functions.map((f) => [f.id, f.instances]).sort(), [
    ['id_1', 2],
    ['pw', 2],
  ]);
});

after(async () => {
  serve?.kill('SIGKILL');
  await redis?.stop();
  await rm(work, { recursive: true, force: true });
});

test('by header id: the handler reads the query parameter, method, path and headers; its status and headers come back', async () => {
  const r = await call('/books?name=alice', { id: 'id_1', 'x-agent': 'curl' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/plain');
  assert.equal(r.headers.get('x-guest'), 'js');
  assert.match(r.text, /^hello alice \(get \/books, agent curl, /);
  const posted = await call('/teapot', { id: 'id_1' }, { method: 'POST', body: 'a streamed body' });
  assert.equal(posted.status, 418);
  assert.equal(posted.text, 'hello nobody (post /teapot, agent none, body a streamed body)\n');
  const pw = await call('/', { id: 'pw' });
  assert.equal(pw.text, 'pong', 'the proxy-wasm module beside it answers its own id');
});

test("the seed's stock query: wasi:keyvalue reads the state store, set here with redis-cli", async () => {
  await redis.cli('set', 'book1', '100');
  const r = await call('/api/stock?name=book1');
  assert.equal(r.status, 200);
  assert.equal(r.text, 'There are 100 inventories for book1.');
});

test('--route /api=id_1 routes requests without an id by path prefix; other paths still need one', async () => {
  const r = await call('/api/books?name=bob');
  assert.equal(r.status, 200);
  assert.match(r.text, /^hello bob \(get \/api\/books, /);
  assert.equal((await call('/apix?name=bob')).status, 400);
});

test('a trap answers 500 and a request past --timeout 504; the next requests are served by fresh instances', async () => {
  const trapped = await call('/trap', { id: 'id_1' });
  assert.equal(trapped.status, 500);
  assert.match(trapped.text, /wasm trap: unreachable in wasi:http\/incoming-handler@0\.2\.12#handle/);
  const spun = await call('/spin', { id: 'id_1' });
  assert.equal(spun.status, 504);
  assert.match(spun.text, /request exceeded --timeout 3s/);
  const answers = await Promise.all([1, 2, 3, 4].map((n) => call(`/?name=n${n}`, { id: 'id_1' })));
  assert.deepEqual(
    answers.map((a) => a.status),
    [200, 200, 200, 200],
  );
  const list = (await (await fetch(`http://${admin}/wasm/list`)).json()) as unknown;
  assert.match(JSON.stringify(list), /"id_1"/);
});

test('the admin API installs a component like a module', async () => {
  const installed = await fetch(`http://${admin}/wasm/install`, {
    method: 'POST',
    body: JSON.stringify({ name: 'id_2', instance_num: 1, vm_config: { path: guest } }),
  });
  assert.equal(installed.status, 200, await installed.text());
  const r = await call('/?name=admin', { id: 'id_2' });
  assert.match(r.text, /^hello admin /);
});

test("its metrics are the proxy-wasm functions': requests by status, instances lost and started, its host calls", async () => {
  const text = await (await fetch(`http://${admin}/metrics`)).text();
  const promtool = await execa('promtool', ['check', 'metrics'], { input: text, reject: false });
  assert.equal(promtool.exitCode, 0, `promtool: ${promtool.stdout}${promtool.stderr}`);
  assert.ok(sample(text, 'wasmctl_serve_requests_total', { function: 'id_1', status: '200' }) >= 7, text);
  assert.equal(sample(text, 'wasmctl_serve_requests_total', { function: 'id_1', status: '500' }), 1, 'the trap');
  assert.equal(sample(text, 'wasmctl_serve_requests_total', { function: 'id_1', status: '504' }), 1, 'the timeout');
  assert.ok(sample(text, 'wasmctl_serve_instance_losses_total', { function: 'id_1' }) >= 1, 'the instance the timeout killed');
  assert.ok(sample(text, 'wasmctl_serve_instance_starts_total', { function: 'id_1' }) >= 3, 'two at start and a replacement');
  assert.equal(sample(text, 'wasmctl_serve_host_calls_total', { name: 'GetState', status: '0' }), 1, "the stock query's wasi:keyvalue get");
});

test('a --route that is not PREFIX=ID is refused at start in one line', async () => {
  const r = await execa(
    join(REPO, 'bin/wasmctl'),
    ['--root', join(work, 'store'), 'serve', '--listen', '127.0.0.1:0', '--route', 'api=id_1', `id_1=${guest}`],
    {
      reject: false,
    },
  );
  assert.equal(r.exitCode, 125);
  assert.equal(r.stderr, 'wasmctl: --route api=id_1 is not PREFIX=ID (--route /api=id_1)');
});
