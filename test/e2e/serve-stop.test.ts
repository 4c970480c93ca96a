/**
 * Two functions in one `wasmctl serve`: a hostile one whose request grows its memory forever (V8
 * then holds back its Worker's termination) and a healthy one, answered while the hostile one
 * misbehaves. Its request timeout and its uninstall take effect within a second, the healthy
 * function keeps answering (and fast), and SIGTERM still ends serve.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa, type ResultPromise } from 'execa';
import { buildModules, modulePath } from '../modules/harness.js';
import { REPO } from '../support/repo.js';

let work: string;
const running: ResultPromise[] = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-serve-stop-'));
  await buildModules();
});

after(async () => {
  for (const serve of running) serve.kill('SIGKILL');
  await rm(work, { recursive: true, force: true });
});

interface Served {
  serve: ResultPromise;
  gateway: string;
  admin: string;
}

/** serve_trap (hostile on body `grow`) and healthy (the same module, answering `alive`), on 2 Workers. */
async function startServe(timeout: string): Promise<Served> {
  const trap = modulePath('serve-trap');
  const serve = execa(
    'node',
    [join(REPO, 'bin/wasmctl.js'), '--root', join(work, 'store'), 'serve', '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--json',
      '--timeout', timeout, '--workers', '2', `serve_trap=${trap}`, `healthy=${trap}`],
    { reject: false },
  );
  running.push(serve);
  const [line] = (await once(serve.stdout!, 'data')) as [Buffer];
  const { gateway, admin } = JSON.parse(line.toString()) as { gateway: string; admin: string };
  return { serve, gateway, admin };
}

async function call(gateway: string, id: string, body: string): Promise<[number, string]> {
  const response = await fetch(`http://${gateway}/`, { method: 'POST', headers: { id }, body });
  return [response.status, await response.text()];
}

/** Calls the healthy function back to back until `stop` resolves; returns each call's latency. */
async function healthyMeanwhile(gateway: string, stop: Promise<unknown>): Promise<number[]> {
  let done = false;
  void stop.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const started = performance.now();
    assert.deepEqual(await call(gateway, 'healthy', 'ping'), [200, 'alive']);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? NaN;

test('a request timeout stops a memory.grow loop within a second, three times over two Workers; the healthy function answers throughout', async () => {
  const { serve, gateway } = await startServe('1s');
  const latencies: number[] = [];
  // More hostile requests than Workers: each Worker stuck for good would leave nothing to serve.
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    const hostile = call(gateway, 'serve_trap', 'grow');
    latencies.push(...(await healthyMeanwhile(gateway, hostile)));
    const [status, text] = await hostile;
    assert.equal(status, 500);
    assert.match(text, /exceeded --timeout 1s/);
    assert.ok(Date.now() - started < 2000, `the timeout answered after ${Date.now() - started} ms`);
  }
  assert.deepEqual(await call(gateway, 'serve_trap', 'ping'), [200, 'alive'], 'the hostile function is replaced too');
  assert.ok(latencies.length > 10, `only ${latencies.length} healthy calls`);
  assert.ok(p99(latencies) < 500, `healthy p99 ${p99(latencies).toFixed(0)} ms`);
  serve.kill('SIGTERM');
  const result = await serve;
  assert.equal(result.exitCode, 0, String(result.stderr));
});

test("an uninstall stops the function's stuck request within a second; SIGTERM then ends serve within a second", async () => {
  const { serve, gateway, admin } = await startServe('60s');
  const hostile = call(gateway, 'serve_trap', 'grow');
  const meanwhile = healthyMeanwhile(gateway, hostile);
  await new Promise((r) => setTimeout(r, 500));
  const started = Date.now();
  const uninstalled = await fetch(`http://${admin}/wasm/uninstall`, { method: 'POST', body: JSON.stringify({ name: 'serve_trap' }) });
  assert.equal(uninstalled.status, 200, await uninstalled.text());
  const [status] = await hostile;
  assert.equal(status, 404);
  assert.ok(Date.now() - started < 1000, `the uninstall took ${Date.now() - started} ms`);
  assert.ok((await meanwhile).length > 0);
  assert.deepEqual(await call(gateway, 'healthy', 'ping'), [200, 'alive']);

  const signalled = Date.now();
  serve.kill('SIGTERM');
  const result = await serve;
  assert.equal(result.exitCode, 0, String(result.stderr));
  assert.ok(Date.now() - signalled < 1000, `serve ended ${Date.now() - signalled} ms after SIGTERM`);
});
