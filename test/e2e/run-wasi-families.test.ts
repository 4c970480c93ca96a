/**
 * WASI preview 1 as the standard defines it, one check per family the official suite found broken
 * (npm run conformance runs the suite itself where ../shared is present): a host folder as the
 * whole root, rights, the calls that were missing, file flags, trailing slashes and `..`, readdir
 * inodes and cookies, clocks and poll, and the older `wasi_unstable` namespace.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execa } from 'execa';
import { buildModules, modulePath } from '../modules/harness.js';
import { REPO } from '../support/repo.js';

let work: string;
before(async () => {
  await buildModules();
  work = await mkdtemp(join(tmpdir(), 'wasmctl-wasi-'));
});
after(() => rm(work, { recursive: true, force: true }));

const wasmctl = (args: string[]) =>
  execa(join(REPO, 'bin/wasmctl'), ['--root', join(work, 'store'), ...args], { reject: false, stdin: 'ignore' });

test('every family passes with a host folder as the guest root (-v DIR:/), and the files land in DIR', async () => {
  const root = join(work, 'root');
  fs.mkdirSync(join(root, 'w'), { recursive: true });
  const r = await wasmctl(['run', '-v', `${root}:/`, modulePath('wasi-families'), '/w']);
  const failed = r.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
  assert.deepEqual(failed, []);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.ok(r.stdout.split('\n').filter((l) => l.startsWith('ok ')).length >= 27);
  assert.equal(fs.readlinkSync(join(root, 'w', 'link')), 'target.txt');
  assert.equal(fs.statSync(join(root, 'w', 'target.txt'), { bigint: true }).mtimeNs, 1100000000987654321n);
});

test('-v DIR:/:ro is a read-only root', async () => {
  const root = join(work, 'ro-root');
  fs.mkdirSync(root);
  fs.copyFileSync(modulePath('write'), join(work, 'write.wasm'));
  const r = await wasmctl(['run', '-v', `${root}:/:ro`, join(work, 'write.wasm'), '/new.txt', 'x']);
  assert.equal(r.stdout, 'write: /new.txt: Read-only file system');
  assert.deepEqual(fs.readdirSync(root), []);
});

test('a wasi_unstable (snapshot 0) module runs, writes and exits with its code', async () => {
  const r = await wasmctl(['run', modulePath('unstable')]);
  assert.equal(r.stdout, 'snapshot 0');
  assert.equal(r.exitCode, 7);
});

test('a module importing a WASI function that does not exist is refused at start, naming it', async () => {
  const r = await wasmctl(['run', modulePath('unknown-wasi')]);
  assert.equal(r.exitCode, 126);
  assert.match(r.stderr, /wasi_snapshot_preview1\.fd_teleport/);
});
