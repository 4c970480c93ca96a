/**
 * The transpile step of a component's first run (issue 15) behaves like the run it belongs to:
 * `--timeout` and Ctrl-C stop it with nothing left in the store, its cache is keyed by the
 * toolchain that made it, and `image prune` drops what other toolchains made.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { toolchainTag } from '../../runtime-bridge/index.js';
import { componentize } from '../support/component.js';
import { REPO } from '../support/repo.js';
import { wasmctlIn } from '../support/wasmctl.js';
import { buildModules, modulePath } from '../modules/harness.js';

let work: string;
let hello: string;
const entriesIn = async (store: string) => readdir(join(store, 'components', toolchainTag())).catch(() => [] as string[]);

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-component-cache-'));
  await buildModules();
  hello = await componentize(modulePath('hello'), join(work, 'hello.component.wasm'));
});

after(() => rm(work, { recursive: true, force: true }));

test('--timeout during the first run stops the transpile: 124 at once, no cache entry nor staging folder left', async () => {
  const store = join(work, 'timeout-store');
  const started = Date.now();
  const r = await wasmctlIn(store, ['run', '--timeout', '200ms', hello]);
  assert.equal(r.exitCode, 124, r.stderr);
  assert.equal(r.stderr, 'wasmctl: module exceeded --timeout 200ms\n');
  assert.ok(Date.now() - started < 5_000);
  assert.deepEqual(await entriesIn(store), [], 'a stopped transpile leaves nothing');
  const next = await wasmctlIn(store, ['run', hello]);
  assert.equal(next.exitCode, 0, next.stderr);
  assert.equal((await entriesIn(store)).length, 1);
});

test('Ctrl-C during the transpile ends the run with 130 and leaves nothing', async () => {
  const store = join(work, 'sigint-store');
  const child = execa(join(REPO, 'bin/wasmctl'), ['--root', store, 'run', hello], { reject: false, stdin: 'ignore' });
  // The staging folder appears once jco is at work (for a second or more); the CLI's signal handlers are on soon after.
  while ((await entriesIn(store)).every((name) => !name.startsWith('.tmp-'))) await sleep(20);
  await sleep(300);
  child.kill('SIGINT');
  const r = await child;
  assert.equal(r.exitCode, 130, r.stderr);
  assert.deepEqual(await entriesIn(store), []);
});

test('cache entries live under the jco-transpile version; image prune removes those of other toolchains only', async () => {
  const store = join(work, 'prune-store');
  assert.match(toolchainTag(), /^jco-transpile-\d+\.\d+\.\d+.*\.layout-\d+$/);
  assert.equal((await wasmctlIn(store, ['run', hello])).exitCode, 0);
  const [entry] = await entriesIn(store);
  const old = [
    join(store, 'components', 'sha256', 'a'.repeat(64)),
    join(store, 'components', 'jco-transpile-0.0.1.layout-2', 'b'.repeat(64)),
  ];
  for (const dir of old) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'glue.mjs'), 'x'.repeat(4096));
  }
  const pruned = await wasmctlIn(store, ['image', 'prune']);
  assert.equal(pruned.exitCode, 0, pruned.stderr);
  assert.match(pruned.stdout, /^Total reclaimed space: 8\.19kB$/m);
  assert.deepEqual(await readdir(join(store, 'components')), [toolchainTag()]);
  assert.deepEqual(await entriesIn(store), [entry], "the current toolchain's entries stay");
  const again = await wasmctlIn(store, ['run', hello]);
  assert.equal(again.exitCode, 0, again.stderr);
});
