/**
 * bin/wasmctl, the sh launcher npm links as `wasmctl`: it starts from the startup snapshot only
 * when the snapshot is there and was built by the node on PATH, and finds the package through
 * the symlinks npm installs it behind.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { REPO } from '../support/repo.js';

const ARCHIVE = join(REPO, 'samples/hello/hello-oci.tar');
let work: string;

/** The launcher of a copy of the package (bin + dist/bundle), traced: its node line tells which way it went. */
async function run(pkg: string, bin = join(pkg, 'bin/wasmctl')) {
  const r = await execa('sh', ['-x', bin, '--root', join(work, 'store'), 'run', ARCHIVE], { reject: false });
  // `run` keeps the shell as node's parent (it hands signals on): node is started, not exec'd, in
  // the background, whose trace line can land in the middle of the parent's own (`+ wait+ …`).
  const exec = r.stderr.split('\n').find((line) => /(?:^\+ exec|WASMCTL_GUARDIAN=1) node /.test(line)) ?? '';
  return { ...r, snapshot: /--snapshot-blob \S*\/(wasmctl(?:-run)?)\.blob /.exec(exec)?.[1] ?? null };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'wasmctl-launcher-'));
  for (const name of ['pkg', 'stale', 'no-run-snapshot']) {
    await cp(join(REPO, 'bin'), join(work, name, 'bin'), { recursive: true });
    await cp(join(REPO, 'dist/bundle'), join(work, name, 'dist/bundle'), { recursive: true });
  }
  for (const name of ['wasmctl', 'wasmctl-run']) await writeFile(join(work, `stale/dist/bundle/${name}.blob.version`), 'v0.0.1\n');
  await rm(join(work, 'no-run-snapshot/dist/bundle/wasmctl-run.blob'));
});

after(() => rm(work, { recursive: true, force: true }));

test("starts run from run's snapshot built by this node, in a package moved after its build", async () => {
  const r = await run(join(work, 'pkg'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'Hello from WebAssembly!');
  assert.equal(r.snapshot, 'wasmctl-run', r.stderr);
});

test("starts run from the whole CLI's snapshot when run's own is missing", async () => {
  const r = await run(join(work, 'no-run-snapshot'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'Hello from WebAssembly!');
  assert.equal(r.snapshot, 'wasmctl', r.stderr);
});

test('follows the symlink npm puts in node_modules/.bin', async () => {
  await symlink(join(work, 'pkg/bin/wasmctl'), join(work, 'wasmctl'));
  const r = await run(join(work, 'pkg'), join(work, 'wasmctl'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'Hello from WebAssembly!');
  assert.equal(r.snapshot, 'wasmctl-run', r.stderr);
});

test('falls back to the plain bundle when the snapshot is from another node', async () => {
  const r = await run(join(work, 'stale'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'Hello from WebAssembly!');
  assert.equal(r.snapshot, null, r.stderr);
});

test('falls back to the plain bundle when there is no snapshot', async () => {
  for (const name of ['wasmctl', 'wasmctl-run']) await rm(join(work, `stale/dist/bundle/${name}.blob`));
  const r = await run(join(work, 'stale'));
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'Hello from WebAssembly!');
  assert.equal(r.snapshot, null, r.stderr);
});

test('run with stdin closed: the module starts as with any stdin (the shell stays as its parent)', async () => {
  const bin = join(work, 'pkg/bin/wasmctl');
  const r = await execa('sh', ['-c', 'exec <&-; exec "$0" --root "$1" run "$2"', bin, join(work, 'store'), ARCHIVE], { reject: false });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout, 'Hello from WebAssembly!');
});
