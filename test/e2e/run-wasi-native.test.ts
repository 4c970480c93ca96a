/**
 * `wasmctl run` as typed (bin/wasmctl, from its startup snapshot) resolves guest paths with the
 * native addon's openat2, not the JavaScript walk through /proc/self/fd. The snapshot is built
 * with the addon unloaded (a loaded addon cannot be serialized), and the choice of walk was once
 * made then and kept: every run from the snapshot took the slow walk, which answers the same.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { buildModules, modulePath } from '../modules/harness.js';
import { REPO } from '../support/repo.js';

let work: string;
before(async () => {
  await buildModules();
  work = await mkdtemp(join(tmpdir(), 'wasmctl-wasi-native-'));
  for (const dir of ['d000', 'd001']) {
    await mkdir(join(work, 'data/tree', dir), { recursive: true });
    for (const file of ['f000', 'f001']) await writeFile(join(work, 'data/tree', dir, file), 'x');
  }
});
after(() => rm(work, { recursive: true, force: true }));

/** The system calls a `wasmctl run` of the wasi-io module's tree mode makes, its processes' together. */
async function traced(env: Record<string, string> = {}): Promise<string> {
  const trace = join(work, `trace-${Object.keys(env).length}`);
  const argv = ['run', '-v', `${join(work, 'data')}:/data`, modulePath('wasi-io'), 'tree', '/data/tree', '2', '2'];
  const r = await execa('strace', ['-f', '-e', 'trace=openat,openat2', '-o', trace, join(REPO, 'bin/wasmctl'), ...argv], {
    reject: false,
    env,
  });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stderr, /^tree 4 4$/m);
  return readFile(trace, 'utf8');
}

const walkedThroughProc = (trace: string) => /openat\(AT_FDCWD, "\/proc\/self\/fd\/\d+\/tree"/.test(trace);

test('a run from the startup snapshot opens guest paths with openat2 RESOLVE_BENEATH', async () => {
  assert.ok(existsSync(join(REPO, 'runtime-bridge/engine/wasi/native/build/Release/wasi_at.node')), 'npm ci built the addon');
  const trace = await traced();
  assert.match(trace, /openat2\(\d+, "tree\/d000\/f000", .*RESOLVE_BENEATH/);
  assert.ok(!walkedThroughProc(trace), 'no folder was walked through /proc/self/fd');
});

test('WASMCTL_WASI_NATIVE=0 takes the JavaScript walk', async () => {
  assert.ok(walkedThroughProc(await traced({ WASMCTL_WASI_NATIVE: '0' })));
});
