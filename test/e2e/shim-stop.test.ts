/**
 * Two containers in one shared shim server under a real containerd: `ctr task kill` of a module
 * that no thread termination stops (a memory.grow loop) ends it within a second, by SIGTERM (143)
 * and SIGKILL (137), while the healthy neighbour runs on with its output whole; the server is
 * left idle, not burning a core for the killed module. A timeout stops it too.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { startBuilder, type Builder } from '../support/buildah.js';
import { REPO } from '../support/repo.js';
import { cpuSeconds, parentOf, running, virtualGiB } from '../support/proc.js';
import { until } from '../support/until.js';
import { shimServerPids, startContainerd, WASMCTL_RUNTIME, type Containerd } from '../support/containerd.js';

const MODULES = join(REPO, 'test/modules/build');
const TICKS = `${Array.from({ length: 30 }, (_, i) => `tick ${i + 1}`).join('\n')}\ndone`;

let ctrd: Containerd;
let builder: Builder;
const images: Record<string, string> = {};

before(async () => {
  await execa('bash', [join(REPO, 'scripts/build-test-modules.sh')]);
  ctrd = await startContainerd();
  builder = await startBuilder();
  for (const name of ['grow-loop', 'ticker']) {
    const tag = `localhost/shim-stop/${name}:v1`;
    await builder.build(tag, `FROM scratch\nCOPY ${name}.wasm /${name}.wasm\nCMD ["/${name}.wasm"]\n`, {
      [`${name}.wasm`]: await readFile(join(MODULES, `${name}.wasm`)),
    });
    await ctrd.importBuilt(builder, tag);
    images[name] = tag;
  }
});

after(async () => {
  await ctrd?.stop();
  await builder?.stop();
});

async function taskRow(id: string): Promise<string[] | undefined> {
  const { stdout } = await ctrd.ctr(['task', 'ls']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[0] === id);
}

for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGKILL', 137],
] as const) {
  test(`ctr task kill --signal ${signal} stops a memory.grow loop within 1 s (exit ${code}); the neighbour's output is whole`, async () => {
    const healthyId = `ticker-${signal}`;
    const hostileId = `grow-${signal}`;
    const healthy = ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, images.ticker!, healthyId]);
    const hostile = ctrd.ctr(['run', '--rm', '--runtime', WASMCTL_RUNTIME, images['grow-loop']!, hostileId]);
    const [healthyRow, row] = await until('both RUNNING', async () => {
      const [h, g] = [await taskRow(healthyId), await taskRow(hostileId)];
      return h?.[2] === 'RUNNING' && g?.[2] === 'RUNNING' ? [h, g] : undefined;
    });
    // Each task's process is a child of the server that holds it.
    const holders = [...new Set([healthyRow, row].map((r) => parentOf(Number(r[1]))))];
    const servers = await shimServerPids(ctrd.shimDir);
    assert.equal(holders.length, 1, `one shared server holds both: servers ${servers.join(', ')}, task parents ${holders.join(', ')}`);
    assert.ok(servers.includes(holders[0]!), `the tasks' parent ${holders[0]} is a shim server (${servers.join(', ')})`);
    // Growing for a while first: the termination V8 then holds back is what is tested. A Wasm
    // memory reserves its guard regions (GiBs of address space) once the module is instantiated.
    await until('the module to run', async () => (virtualGiB(Number(row[1])) > 4 ? true : undefined), 20_000);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await ctrd.ctr(['task', 'kill', '--signal', signal, hostileId])).exitCode, 0);
    const killedAt = Date.now();
    const stopped = await hostile;
    const took = Date.now() - killedAt;
    assert.equal(stopped.exitCode, code, stopped.all);
    assert.equal(stopped.stdout, 'growing');
    assert.ok(took < 1000, `the task ended ${took} ms after ctr task kill returned`);
    assert.ok(!running(Number(row[1])), "the task's pid runs no more");
    const server = holders[0]!;
    const cpuBefore = cpuSeconds(server);
    const ticked = await healthy;
    assert.equal(ticked.exitCode, 0, ticked.all);
    assert.equal(ticked.stdout, TICKS);
    assert.ok(cpuSeconds(server) - cpuBefore < 0.5, 'the server is not left spinning');
  });
}

test('a timeout annotation stops a memory.grow loop with exit 124 within a second of it', async () => {
  const started = Date.now();
  const result = await ctrd.ctr([
    'run',
    '--rm',
    '--runtime',
    WASMCTL_RUNTIME,
    '--annotation',
    'io.wasmctl.timeout-ms=1000',
    images['grow-loop']!,
    'grow-timeout',
  ]);
  assert.equal(result.exitCode, 124, result.all);
  assert.equal(result.stdout, 'growing');
  assert.match(result.stderr, /module exceeded --timeout 1s/);
  // From ctr's own start: containerd's Create and Start come on top of the 1 s.
  assert.ok(Date.now() - started < 1000 + 1000 + 1500, `ctr run ended ${Date.now() - started} ms after it started`);
  const [server] = await shimServerPids(ctrd.shimDir);
  const cpuBefore = cpuSeconds(server!);
  await new Promise((r) => setTimeout(r, 1000));
  assert.ok(cpuSeconds(server!) - cpuBefore < 0.5, 'the server is not left spinning');
});
