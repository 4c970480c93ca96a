/**
 * `ctr task metrics` on a running Wasm task under a real containerd 1.6: the figures ctr prints
 * come from the shim's cgroups-shaped Stats answer (v1 on this host's hybrid hierarchy).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { startBuilder, type Builder } from '../support/buildah.js';
import { startContainerd, WASMCTL_RUNTIME, type Containerd } from '../support/containerd.js';
import { REPO } from '../support/repo.js';
import { until } from '../support/until.js';

const IMAGE = 'localhost/shim-metrics/hold:v1';
const HELD_MIB = 40;
const MEMORY_CAP = 64 << 20;

let ctrd: Containerd;
let builder: Builder;

before(async () => {
  await execa('bash', [join(REPO, 'scripts/build-test-modules.sh')]);
  ctrd = await startContainerd();
  builder = await startBuilder();
  await builder.build(IMAGE, `FROM scratch\nCOPY hold.wasm /hold.wasm\nCMD ["/hold.wasm", "${HELD_MIB}"]\n`, {
    'hold.wasm': await readFile(join(REPO, 'test/modules/build/shim-hold-memory.wasm')),
  });
  await ctrd.importBuilt(builder, IMAGE);
});

after(async () => {
  await ctrd?.stop();
  await builder?.stop();
});

/** ctr's METRIC/VALUE table as a map. */
async function metrics(id: string): Promise<Map<string, string>> {
  const result = await ctrd.ctr(['task', 'metrics', id]);
  assert.equal(result.exitCode, 0, result.all);
  const rows = result.stdout.split('\n').slice(result.stdout.split('\n').findIndex((l) => l.startsWith('METRIC')) + 1);
  return new Map(rows.map((row) => row.trim().split(/\s+/) as [string, string]));
}

test("ctr task metrics on a running Wasm task: its memory (the module's included), CPU time and threads", async (t) => {
  const id = 'hold';
  const run = await ctrd.ctr([
    'run',
    '-d',
    '--runtime',
    WASMCTL_RUNTIME,
    '--annotation',
    `io.wasmctl.memory-bytes=${MEMORY_CAP}`,
    IMAGE,
    id,
  ]);
  assert.equal(run.exitCode, 0, run.all);
  try {
    // The module touches its memory right after it starts: wait until the figure shows it.
    const table = await until(
      `memory.usage_in_bytes above ${HELD_MIB} MiB`,
      async () => {
        const t = await metrics(id);
        return Number(t.get('memory.usage_in_bytes')) > HELD_MIB << 20 ? t : undefined;
      },
      20_000,
    );
    t.diagnostic([...table].map(([k, v]) => `${k}=${v}`).join(' '));
    const usage = Number(table.get('memory.usage_in_bytes'));
    assert.ok(usage > HELD_MIB << 20, `usage ${usage} counts the module's ${HELD_MIB} MiB`);
    assert.ok(usage < (HELD_MIB + 100) << 20, `usage ${usage} is the task's, not the host's`);
    assert.equal(Number(table.get('memory.limit_in_bytes')), MEMORY_CAP);
    assert.ok(Number(table.get('cpuacct.usage')) > 0, 'CPU time spent booting and touching memory');
    assert.ok(Number(table.get('pids.current')) >= 1);
  } finally {
    await ctrd.ctr(['task', 'kill', '--signal', 'SIGKILL', id]);
    await until('the task deleted', async () => ((await ctrd.ctr(['task', 'delete', id])).exitCode === 0 ? true : undefined));
    await ctrd.ctr(['container', 'delete', id]);
  }
});
