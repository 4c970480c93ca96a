/**
 * Two functions in one `wasmctl serve`: a hostile one whose request grows its memory forever (a
 * Worker thread in that loop ignores terminate(), so each instance is a process) and a healthy
 * one, answered while the hostile one misbehaves. Its request timeout, its uninstall and SIGTERM
 * each take effect within a second, and serve killed outright takes it along; /proc shows the stuck
 * process gone, nothing left burning CPU.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type ResultPromise } from 'execa';
import { buildModules, modulePath } from '../modules/harness.js';
import { startServe } from '../support/serve.js';

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

/** serve_trap (hostile on body `grow`) and healthy (the same module, answering `alive`). */
async function serveTrap(timeout: string): Promise<Served> {
  const trap = modulePath('serve-trap');
  const started = await startServe(['--timeout', timeout, `serve_trap=${trap}`, `healthy=${trap}`], { root: join(work, 'store') });
  running.push(started.serve);
  return started;
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pids whose parent is `pid`, with their CPU time so far (clock ticks). */
function children(pid: number): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // After "pid (comm)": state ppid … utime stime are fields 4, 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === pid) found.set(Number(entry), Number(fields[11]) + Number(fields[12]));
  }
  return found;
}

/** CPU ticks each child of `pid` used over `ms`. */
async function cpuOver(pid: number, ms: number): Promise<Map<number, number>> {
  const before = children(pid);
  await sleep(ms);
  return new Map([...children(pid)].map(([child, ticks]) => [child, ticks - (before.get(child) ?? ticks)]));
}

/** The child of `pid` that used the most CPU over half a second: the one in the memory.grow loop. */
async function hottest(pid: number): Promise<number> {
  const used = [...(await cpuOver(pid, 500))].sort((a, b) => b[1] - a[1]);
  assert.ok(used.length > 0 && used[0]![1] > 0, `no child of serve used CPU: ${JSON.stringify(used)}`);
  return used[0]![0];
}

/** CPU ticks all children of `pid` used over half a second with no request in flight. */
const idleTicks = async (pid: number) => [...(await cpuOver(pid, 500)).values()].reduce((a, b) => a + b, 0);

/** Whether `pid` runs (a zombie, ended and waiting for its parent to reap it, does not). */
function runs(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; await sleep(20)) if (!runs(pid)) return true;
  return !runs(pid);
}

test('a request timeout kills the stuck process within a second, three times; the healthy function answers throughout', async () => {
  const { serve, gateway } = await serveTrap('1s');
  const latencies: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = Date.now();
    const hostile = call(gateway, 'serve_trap', 'grow');
    const [meanwhile, stuck] = await Promise.all([healthyMeanwhile(gateway, hostile), hottest(serve.pid!)]);
    latencies.push(...meanwhile);
    const [status, text] = await hostile;
    assert.equal(status, 500);
    assert.match(text, /exceeded --timeout 1s/);
    assert.ok(Date.now() - started < 2000, `the timeout answered after ${Date.now() - started} ms`);
    assert.ok(await gone(stuck, 500), `process ${stuck} still runs after the timeout`);
    assert.deepEqual(await call(gateway, 'serve_trap', 'ping'), [200, 'alive'], 'the hostile function answers from a fresh instance');
    const ticks = await idleTicks(serve.pid!);
    assert.ok(ticks <= 3, `serve's children used ${ticks} ticks over 500 ms with nothing to do`);
  }
  assert.ok(latencies.length > 10, `only ${latencies.length} healthy calls`);
  assert.ok(p99(latencies) < 500, `healthy p99 ${p99(latencies).toFixed(0)} ms`);
  serve.kill('SIGTERM');
  const result = await serve;
  assert.equal(result.exitCode, 0, String(result.stderr));
});

test("an uninstall stops the function's stuck request within a second; the healthy function answers", async () => {
  const { serve, gateway, admin } = await serveTrap('60s');
  const hostile = call(gateway, 'serve_trap', 'grow');
  const meanwhile = healthyMeanwhile(gateway, hostile);
  const stuck = await hottest(serve.pid!);
  const started = Date.now();
  const uninstalled = await fetch(`http://${admin}/wasm/uninstall`, { method: 'POST', body: JSON.stringify({ name: 'serve_trap' }) });
  assert.equal(uninstalled.status, 200, await uninstalled.text());
  const [status] = await hostile;
  assert.equal(status, 404);
  assert.ok(Date.now() - started < 1000, `the uninstall took ${Date.now() - started} ms`);
  assert.ok(await gone(stuck, 500), `the stuck process ${stuck} outlived its uninstall`);
  assert.ok((await meanwhile).length > 0);
  assert.deepEqual(await call(gateway, 'healthy', 'ping'), [200, 'alive']);
  serve.kill('SIGTERM');
  assert.equal((await serve).exitCode, 0);
});

test('SIGTERM during a stuck request ends serve within a second, no child left', async () => {
  const { serve, gateway } = await serveTrap('60s');
  const hostile = call(gateway, 'serve_trap', 'grow');
  await hottest(serve.pid!);
  const spawned = [...children(serve.pid!).keys()];
  assert.equal(spawned.length, 2, 'one instance process per function');
  const signalled = Date.now();
  serve.kill('SIGTERM');
  const result = await serve;
  assert.equal(result.exitCode, 0, String(result.stderr));
  assert.ok(Date.now() - signalled < 1000, `serve ended ${Date.now() - signalled} ms after SIGTERM`);
  assert.equal((await hostile)[0], 503);
  const left = spawned.filter(runs);
  assert.deepEqual(left, [], 'instance processes outlived serve');
});

test('serve killed outright (SIGKILL) takes a stuck instance process with it', async () => {
  const { serve, gateway } = await serveTrap('60s');
  const hostile = call(gateway, 'serve_trap', 'grow').catch(() => undefined);
  const stuck = await hottest(serve.pid!);
  serve.kill('SIGKILL');
  await serve;
  await hostile;
  assert.ok(await gone(stuck, 1000), `the stuck process ${stuck} outlived serve`);
});
