/**
 * A wasi:http component stuck in its handler (growing its memory for ever, or spinning) is stopped
 * as a proxy-wasm module is (issue 15; serve-stop.test.ts for modules): each instance is a process
 * that the request timeout, an uninstall or serve's SIGTERM SIGKILLs within a second while another
 * function keeps answering, and that serve killed outright takes along; /proc shows it gone.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import type { ResultPromise } from 'execa';
import { componentizeJs } from '../support/component.js';
import { childrenOf, cpuSeconds, running } from '../support/proc.js';
import { REPO } from '../support/repo.js';
import { timedUntil } from '../support/until.js';
import { startServe } from '../support/serve.js';

let work: string;
let guest: string;
const started: ResultPromise[] = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-serve-component-stop-'));
  guest = await componentizeJs(join(REPO, 'test/modules/http-guest'), 'app', join(work, 'handler.component.wasm'));
});

after(async () => {
  for (const serve of started) serve.kill('SIGKILL');
  await rm(work, { recursive: true, force: true });
});

/** `stuck` and `healthy`: the same component under two ids, one warm instance (process) each. */
async function serveBoth(timeout: string): Promise<{ serve: ResultPromise; gateway: string; admin: string }> {
  const served = await startServe(['--timeout', timeout, `stuck=${guest}`, `healthy=${guest}`], { root: join(work, 'store') });
  started.push(served.serve);
  return served;
}

async function call(gateway: string, id: string, path: string): Promise<[number, string]> {
  const response = await fetch(`http://${gateway}${path}`, { headers: { id } });
  return [response.status, await response.text()];
}

/** The healthy function, called back to back until `stop` settles: every answer right. */
const healthyMeanwhile = (gateway: string, stop: Promise<unknown>) =>
  timedUntil(stop, async () => {
    const [status, text] = await call(gateway, 'healthy', '/?name=meanwhile');
    assert.equal(status, 200, text);
  });

/** The child of serve that burns CPU (a fifth of a core at least, on a loaded machine): the stuck instance's process. */
async function stuckChild(servePid: number): Promise<number> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const before = new Map(childrenOf(servePid).map((pid) => [pid, cpuSeconds(pid)]));
    await sleep(500);
    const used = [...before].map(([pid, cpu]) => [pid, running(pid) ? cpuSeconds(pid) - cpu : 0] as const).sort((a, b) => b[1] - a[1]);
    if (used[0] && used[0][1] >= 0.1) return used[0][0];
  }
  throw new Error(`no child of serve ${servePid} burned CPU`);
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) if (!running(pid)) return true;
  return !running(pid);
}

test('a stuck request times out (504) and its process is killed within a second; the other function answers throughout', async () => {
  const { serve, gateway } = await serveBoth('3s');
  assert.deepEqual(await call(gateway, 'healthy', '/?name=warm'), [200, 'hello warm (get /, agent none, body name=warm)\n']);
  const latencies: number[] = [];
  for (const path of ['/grow', '/spin', '/grow']) {
    const at = Date.now();
    const hostile = call(gateway, 'stuck', path);
    // Told apart before the healthy calls start: a healthy process answering back to back burns CPU too.
    const stuck = await stuckChild(serve.pid!);
    latencies.push(...(await healthyMeanwhile(gateway, hostile)));
    const [status, text] = await hostile;
    assert.equal(status, 504, text);
    assert.match(text, /request exceeded --timeout 3s/);
    assert.ok(Date.now() - at < 4000, `${path} was answered after ${Date.now() - at} ms`);
    assert.ok(await goneWithin(stuck, 500), `the stuck process ${stuck} still runs after its timeout`);
    assert.equal((await call(gateway, 'stuck', '/?name=again'))[0], 200, 'a fresh instance answers');
  }
  assert.ok(latencies.length > 10, `only ${latencies.length} healthy calls`);
  const p99 = [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.99)]!;
  assert.ok(p99 < 1000, `healthy p99 ${p99.toFixed(0)} ms`);
  serve.kill('SIGTERM');
  assert.equal((await serve).exitCode, 0);
});

test('an uninstall stops a stuck component within a second', async () => {
  const { serve, gateway, admin } = await serveBoth('60s');
  const hostile = call(gateway, 'stuck', '/grow');
  const stuck = await stuckChild(serve.pid!);
  const at = Date.now();
  const uninstalled = await fetch(`http://${admin}/wasm/uninstall`, { method: 'POST', body: JSON.stringify({ name: 'stuck' }) });
  assert.equal(uninstalled.status, 200, await uninstalled.text());
  assert.equal((await hostile)[0], 404);
  assert.ok(Date.now() - at < 1000, `the uninstall took ${Date.now() - at} ms`);
  assert.ok(await goneWithin(stuck, 500), `the stuck process ${stuck} outlived its uninstall`);
  assert.equal((await call(gateway, 'healthy', '/'))[0], 200);
  serve.kill('SIGTERM');
  assert.equal((await serve).exitCode, 0);
});

test('SIGTERM during a stuck request ends serve within a second, no instance process left', async () => {
  const { serve, gateway } = await serveBoth('60s');
  const hostile = call(gateway, 'stuck', '/spin');
  await stuckChild(serve.pid!);
  const instances = childrenOf(serve.pid!);
  assert.equal(instances.length, 2, 'one instance process per function');
  const at = Date.now();
  serve.kill('SIGTERM');
  assert.equal((await serve).exitCode, 0);
  assert.ok(Date.now() - at < 1000, `serve ended ${Date.now() - at} ms after SIGTERM`);
  assert.equal((await hostile)[0], 503);
  assert.deepEqual(instances.filter(running), [], 'instance processes outlived serve');
});

test('serve killed outright takes a stuck component instance along', async () => {
  const { serve, gateway } = await serveBoth('60s');
  const hostile = call(gateway, 'stuck', '/grow').catch(() => undefined);
  const stuck = await stuckChild(serve.pid!);
  serve.kill('SIGKILL');
  await serve;
  await hostile;
  assert.ok(await goneWithin(stuck, 1000), `the stuck process ${stuck} outlived serve`);
});
